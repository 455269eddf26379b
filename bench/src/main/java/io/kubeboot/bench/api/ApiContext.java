package io.kubeboot.bench.api;

import io.kubeboot.bench.workload.PodFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every phase of one ApiServerBench run shares: the client, the pod factory, the run id that makes
 * namespace and pod names unique (so runs against a non-empty server do not collide) and the number of
 * pods this run has created (the memory phase tops it up to the target).
 */
public final class ApiContext {
    private final ApiClient api;
    private final PodFactory pods;
    private final String runId;
    private final LongAdder podsCreated = new LongAdder();

    public ApiContext(ApiClient api, String runId) {
        this.api = api;
        this.pods = new PodFactory(runId);
        this.runId = runId;
    }

    public ApiClient api() {
        return api;
    }

    public PodFactory pods() {
        return pods;
    }

    public String namespace(String purpose) {
        return "bench-" + runId + "-" + purpose;
    }

    public void podCreated() {
        podsCreated.increment();
    }

    public long podsCreated() {
        return podsCreated.sum();
    }

    public static String podsPath(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/pods";
    }

    public static String podPath(String namespace, String name) {
        return podsPath(namespace) + "/" + name;
    }

    /** Creates a namespace and waits for it; the bench cannot run without its namespaces, so failure is fatal. */
    public void createNamespace(String name) {
        byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResult r = api.post("/api/v1/namespaces", body).join();
        if (r.status() != 201) {
            throw new IllegalStateException("creating namespace " + name + ": HTTP " + r.status() + " " + r.text());
        }
    }
}
