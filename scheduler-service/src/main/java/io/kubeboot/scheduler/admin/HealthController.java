package io.kubeboot.scheduler.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** kube-scheduler's plain health paths ({@code /healthz}, {@code /livez}, {@code /readyz}) next to actuator's. */
@RestController
public class HealthController {
    @GetMapping({"/healthz", "/livez", "/readyz"})
    public String ok() {
        return "ok";
    }
}
