package io.kubeboot.apiserver.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.services.ServiceAllocator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What kube-apiserver creates on start: the namespaces default, kube-system, kube-public and
 * kube-node-lease, and the {@code kubernetes} Service in default on the first ClusterIP.
 */
@Component
public class SystemObjects extends SystemObjectBootstrap {
    public static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ServiceAllocator services;
    private final int port;

    public SystemObjects(Registries registries, ServiceAllocator services, Environment env) {
        super(registries, "system namespaces and the kubernetes Service are in place");
        this.services = services;
        this.port = env.getProperty("server.port", Integer.class, 6443);
    }

    @Override
    void createAll() {
        for (String name : NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            ensure("", "namespaces", "", ns);
        }
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        ObjectNode meta = svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default");
        meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec").put("type", "ClusterIP").put("clusterIP", services.cidr().host(1))
                .put("sessionAffinity", "None");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP").put("targetPort", port);
        ensure("", "services", "default", svc);
    }
}
