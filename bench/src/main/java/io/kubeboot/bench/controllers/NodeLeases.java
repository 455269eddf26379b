package io.kubeboot.bench.controllers;

import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.HttpResult;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated kubelets' heartbeats: one Lease per node in kube-node-lease, renewed every 10 s (the
 * kubelet's default renew interval) so the node lifecycle controller keeps the nodes Ready. Each renewal
 * is an update with the resourceVersion the previous write returned.
 */
final class NodeLeases implements AutoCloseable {
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"([0-9]+)\"");

    private final ApiClient api;
    private final Objects objects;
    private final List<String> nodes;
    private final String[] versions;
    private final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-leases");
        t.setDaemon(true);
        return t;
    });

    NodeLeases(ApiClient api, Objects objects, List<String> nodes) {
        this.api = api;
        this.objects = objects;
        this.nodes = nodes;
        this.versions = new String[nodes.size()];
    }

    /** Creates the namespace (when missing) and the Leases, then renews them every 10 s. */
    void start() {
        HttpResult ns = api.post("/api/v1/namespaces", ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + Objects.LEASE_NAMESPACE + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8)).join();
        if (ns.status() != 201 && ns.status() != 409) {
            throw new IllegalStateException("creating namespace " + Objects.LEASE_NAMESPACE + ": HTTP " + ns.status() + " " + ns.text());
        }
        renew();
        timer.scheduleAtFixedRate(this::renew, 10, 10, TimeUnit.SECONDS);
    }

    private void renew() {
        String base = "/apis/coordination.k8s.io/v1/namespaces/" + Objects.LEASE_NAMESPACE + "/leases";
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i);
            HttpResult r = versions[i] == null ? api.post(base, objects.lease(node, null)).join()
                    : api.put(base + "/" + node, objects.lease(node, versions[i])).join();
            Matcher m = RESOURCE_VERSION.matcher(r.text());
            if ((r.status() == 200 || r.status() == 201) && m.find()) {
                versions[i] = m.group(1);
            } else {
                failures.incrementAndGet();
                // a stale resourceVersion (or a lease that exists already): take the current one for the next round
                HttpResult g = api.get(base + "/" + node).join();
                Matcher gm = RESOURCE_VERSION.matcher(g.text());
                versions[i] = g.status() == 200 && gm.find() ? gm.group(1) : null;
            }
        }
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
