package io.kubeboot.apiserver.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.WriteOptions;
import io.kubeboot.apiserver.registry.services.ServiceAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * What kube-apiserver creates on start: the namespaces default, kube-system, kube-public and
 * kube-node-lease, and the {@code kubernetes} Service in default on the first ClusterIP.
 * Idempotent: existing objects are left as they are, so any replica may run it at any start.
 */
@Component
public class SystemObjects implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SystemObjects.class);
    public static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final Registries registries;
    private final ServiceAllocator services;
    private final int port;
    private volatile boolean running;

    public SystemObjects(Registries registries, ServiceAllocator services,
                         org.springframework.core.env.Environment env) {
        this.registries = registries;
        this.services = services;
        this.port = env.getProperty("server.port", Integer.class, 6443);
    }

    @Override
    public void start() {
        var nsRegistry = registries.get(BuiltinResources.get().byResource("", "v1", "namespaces").orElseThrow());
        for (String name : NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            ensure(() -> nsRegistry.create("", ns, WriteOptions.DEFAULT).join());
        }
        var svcRegistry = registries.get(BuiltinResources.get().byResource("", "v1", "services").orElseThrow());
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        ObjectNode meta = svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default");
        meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec").put("type", "ClusterIP").put("clusterIP", services.cidr().host(1))
                .put("sessionAffinity", "None");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP").put("targetPort", port);
        ensure(() -> svcRegistry.create("default", svc, WriteOptions.DEFAULT).join());
        running = true;
        log.info("system namespaces and the kubernetes Service are in place");
    }

    /** Runs a create, taking AlreadyExists as success. */
    static void ensure(Runnable create) {
        try {
            create.run();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof StatusException s && s.code() == 409)) {
                throw e;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }
}
