package io.kubeboot.bench.workload;

import java.nio.charset.StandardCharsets;

/**
 * Pod documents of a realistic size: about 1.1 KiB as sent (two containers with ports, env, resources
 * and a probe), about 2 KiB once the apiserver adds defaults, as a typical Deployment's pod is.
 *
 * <p>Every pod carries the annotation {@value #SENT_ANNOTATION} with the writer's {@link System#nanoTime()}
 * at send time, so a watcher in the same JVM can compute delivery latency from the event alone.
 */
public final class PodFactory {
    public static final String SENT_ANNOTATION = "bench.kubeboot.io/sent";

    private final String runId;

    public PodFactory(String runId) {
        this.runId = runId;
    }

    public byte[] pod(String namespace, String name, long sentNanos) {
        return document(namespace, name, sentNanos, null);
    }

    /** The pod as a store value, with {@code "resourceVersion":"<marker>"} where the store stamps the revision. */
    public byte[] storedPod(String namespace, String name, String resourceVersionMarker) {
        return document(namespace, name, 0, resourceVersionMarker);
    }

    private byte[] document(String namespace, String name, long sentNanos, String rv) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\","
                + (rv == null ? "" : "\"resourceVersion\":\"" + rv + "\",")
                + "\"labels\":{\"app\":\"bench-web\",\"tier\":\"frontend\",\"release\":\"stable\",\"bench.kubeboot.io/run\":\"" + runId + "\"},"
                + "\"annotations\":{\"" + SENT_ANNOTATION + "\":\"" + sentNanos + "\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"registry.example.com/team/web-frontend:1.27.3\","
                + "\"command\":[\"/bin/web-server\"],\"args\":[\"--port=8080\",\"--log-level=info\",\"--metrics-addr=:9090\"],"
                + "\"ports\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"TCP\"},{\"name\":\"metrics\",\"containerPort\":9090,\"protocol\":\"TCP\"}],"
                + "\"env\":[{\"name\":\"APP_ENV\",\"value\":\"production\"},{\"name\":\"APP_REGION\",\"value\":\"eu-west-1\"},{\"name\":\"CACHE_TTL_SECONDS\",\"value\":\"300\"}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"}},"
                + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080},\"periodSeconds\":10},\"imagePullPolicy\":\"IfNotPresent\"},"
                + "{\"name\":\"log-shipper\",\"image\":\"registry.example.com/infra/log-shipper:2.4.0\",\"args\":[\"--source=/var/log/app\"],"
                + "\"resources\":{\"requests\":{\"cpu\":\"20m\",\"memory\":\"32Mi\"}}}],"
                + "\"restartPolicy\":\"Always\",\"terminationGracePeriodSeconds\":30,\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
