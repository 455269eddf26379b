package io.kubeboot.scheduler.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubeboot.api.json.Json;
import io.kubeboot.scheduler.core.PodStatusWriter;
import io.kubeboot.scheduler.framework.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scheduler's writes to the apiserver through the fabric8 client: bindings, pod status patches,
 * preemption deletes, and events (handed to an {@link EventSink}). Thread safe (the client is).
 */
public final class ApiClusterClient implements Handle.ClusterClient, PodStatusWriter {
    private static final Logger log = LoggerFactory.getLogger(ApiClusterClient.class);
    private static final long TIMEOUT_SECONDS = 30;

    /** Where events go (the shared EventRecorder in the service; a list in tests). */
    @FunctionalInterface
    public interface EventSink {
        void event(Pod pod, String type, String reason, String message);
    }

    private final KubernetesClient client;
    private final EventSink events;

    public ApiClusterClient(KubernetesClient client, EventSink events) {
        this.client = client;
        this.events = events;
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("apiVersion", "v1");
        binding.put("kind", "Binding");
        binding.put("metadata", Map.of("name", pod.getMetadata().getName(), "namespace", pod.getMetadata().getNamespace(),
                "uid", pod.getMetadata().getUid()));
        binding.put("target", Map.of("apiVersion", "v1", "kind", "Node", "name", nodeName));
        String path = "api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName() + "/binding";
        post(path, Json.string(binding));
    }

    private void post(String path, String body) {
        HttpClient http = client.getHttpClient();
        String base = client.getMasterUrl().toString();
        HttpRequest req = http.newHttpRequestBuilder().uri(base + (base.endsWith("/") ? "" : "/") + path)
                .post("application/json", body).build();
        try {
            HttpResponse<String> r = http.sendAsync(req, String.class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (r.code() >= 300) {
                throw new KubernetesClientException("POST " + path + ": HTTP " + r.code() + " " + r.body(), r.code(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted: POST " + path, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("POST " + path + " failed: " + e, e);
        }
    }

    @Override
    public void deletePod(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    @Override
    public void setNominatedNodeName(Pod pod, String nodeName) {
        patchStatus(pod, Map.of("status", nullable("nominatedNodeName", nodeName)));
    }

    private static Map<String, Object> nullable(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    @Override
    public void markPreempted(Pod victim, Pod preemptor) {
        Map<String, Object> cond = new LinkedHashMap<>();
        cond.put("type", "DisruptionTarget");
        cond.put("status", "True");
        cond.put("reason", "PreemptionByScheduler");
        cond.put("message", "default-scheduler: preempting to accommodate a higher priority pod");
        cond.put("lastTransitionTime", now());
        patchStatus(victim, Map.of("status", Map.of("conditions", List.of(cond))));
    }

    @Override
    public void event(Pod pod, String type, String reason, String message) {
        events.event(pod, type, reason, message);
    }

    @Override
    public void podScheduledFalse(Pod pod, String reason, String message, String nominatedNodeName) {
        PodCondition existing = pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
        String currentNominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        boolean nominationSame = nominatedNodeName == null || Objects.equals(nominatedNodeName, currentNominated == null ? "" : currentNominated);
        if (existing != null && "False".equals(existing.getStatus()) && reason.equals(existing.getReason())
                && message.equals(existing.getMessage()) && nominationSame) {
            return;
        }
        Map<String, Object> cond = new LinkedHashMap<>();
        cond.put("type", "PodScheduled");
        cond.put("status", "False");
        cond.put("lastProbeTime", null);
        cond.put("lastTransitionTime", existing != null && "False".equals(existing.getStatus()) && existing.getLastTransitionTime() != null
                ? existing.getLastTransitionTime() : now());
        cond.put("reason", reason);
        cond.put("message", message);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(cond));
        if (nominatedNodeName != null) {
            status.put("nominatedNodeName", nominatedNodeName.isEmpty() ? null : nominatedNodeName);
        }
        try {
            patchStatus(pod, Map.of("status", status));
        } catch (KubernetesClientException e) {
            log.warn("could not update the PodScheduled condition of {}/{}: {}", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), e.getMessage());
        }
    }

    private void patchStatus(Pod pod, Map<String, Object> patch) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), Json.string(patch));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
