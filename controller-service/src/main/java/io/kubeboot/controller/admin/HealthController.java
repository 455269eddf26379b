package io.kubeboot.controller.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** kube-controller-manager's plain health paths ({@code /healthz}, {@code /livez}, {@code /readyz}) next to actuator's. */
@RestController
public class HealthController {
    @GetMapping({"/healthz", "/livez", "/readyz"})
    public String ok() {
        return "ok";
    }
}
