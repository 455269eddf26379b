package io.kubeboot.bench.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.HttpResult;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kubelet of every simulated node, as KWOK plays it: a bound pod is started at once by writing its
 * status through {@code pods/{name}/status} (phase Running, conditions Initialized, Ready,
 * ContainersReady and PodScheduled True, a pod IP from 10.244.0.0/16, startTime and ready container
 * statuses). {@code clients} threads write; the whole object is PUT with the resourceVersion seen on
 * the watch, and on a conflict the pod is read again and the write retried.
 */
final class KubeletSim implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    private final ApiClient api;
    private final LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger ips = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastFailure;

    KubeletSim(ApiClient api, int clients) {
        this.api = api;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::work, "kubelet-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** Starts {@code pod} (a bound pod as seen on the watch; this class owns it from now on). */
    void start(ObjectNode pod) {
        queue.add(pod);
    }

    private void work() {
        try {
            while (true) {
                run(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(ObjectNode pod) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        String path = "/api/v1/namespaces/" + ns + "/pods/" + name;
        String ip = "10.244." + (ips.get() / 250 % 256) + "." + (ips.getAndIncrement() % 250 + 1);
        ObjectNode current = pod;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            HttpResult r;
            try {
                r = api.put(path + "/status", MAPPER.writeValueAsBytes(running(current, ip))).join();
            } catch (IOException | RuntimeException e) {
                fail(name + ": " + e);
                return;
            }
            if (r.status() == 200) {
                written.incrementAndGet();
                return;
            }
            if (r.status() != 409) {
                fail(name + ": HTTP " + r.status() + " " + r.text().substring(0, Math.min(200, r.text().length())));
                return;
            }
            conflicts.incrementAndGet();
            HttpResult g = api.get(path).join();
            if (g.status() != 200) {
                fail(name + ": re-read HTTP " + g.status());
                return;
            }
            try {
                current = (ObjectNode) MAPPER.readTree(g.body());
            } catch (IOException e) {
                fail(name + ": " + e);
                return;
            }
        }
        fail(name + ": still conflicting after " + ATTEMPTS + " attempts");
    }

    private static ObjectNode running(ObjectNode pod, String ip) {
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Running");
        ArrayNode conditions = status.putArray("conditions");
        for (String type : new String[] {"Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", now);
        }
        status.put("hostIP", "10.0.0.1").put("podIP", ip).put("startTime", now).put("qosClass", "Burstable");
        status.putArray("podIPs").addObject().put("ip", ip);
        ArrayNode containers = status.putArray("containerStatuses");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode s = containers.addObject();
            s.put("name", c.path("name").asText()).put("image", c.path("image").asText())
                    .put("imageID", "").put("containerID", "kwok://" + c.path("name").asText())
                    .put("ready", true).put("started", true).put("restartCount", 0);
            s.putObject("state").putObject("running").put("startedAt", now);
        }
        return pod;
    }

    private void fail(String why) {
        failed.incrementAndGet();
        lastFailure = why;
    }

    long written() {
        return written.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    long failed() {
        return failed.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }
}
