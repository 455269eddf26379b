package io.kubeboot.node.kubelet.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubeboot.api.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Writes pod statuses and deletes pods through the API with the fabric8 client. Thread safe. */
public final class ApiPodStatusWriter implements PodStatusWriter {
    private static final Logger log = LoggerFactory.getLogger(ApiPodStatusWriter.class);

    private final KubernetesClient client;

    public ApiPodStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Result patchStatus(Pod pod, String mergePatch) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
            return Result.OK;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Result.NOT_FOUND;
            }
            if (e.getCode() == 409) {
                return Result.CONFLICT;
            }
            if (Thread.currentThread().isInterrupted()) {
                return Result.FAILED; // the kubelet is shutting down
            }
            log.warn("Failed to update status for pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
            return Result.FAILED;
        }
    }

    @Override
    public Optional<Pod> read(Pod pod) {
        try {
            Pod fresh = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
            if (fresh == null || !Objects.equals(fresh.getMetadata().getUid(), pod.getMetadata().getUid())) {
                return Optional.empty();
            }
            return Optional.of(fresh);
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    /** DELETE with a body: fabric8's DSL has no uid precondition. */
    @Override
    public Result delete(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        ObjectNode options = Json.NODES.objectNode();
        options.put("apiVersion", "v1").put("kind", "DeleteOptions").put("gracePeriodSeconds", 0);
        options.putObject("preconditions").put("uid", pod.getMetadata().getUid());
        String base = client.getMasterUrl().toString();
        String url = (base.endsWith("/") ? base : base + "/") + "api/v1/namespaces/" + enc(ns) + "/pods/" + enc(name);
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
                .delete("application/json", options.toString()).build();
        try {
            HttpResponse<String> r = client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
            if (r.code() == 404) {
                return Result.NOT_FOUND;
            }
            if (r.code() == 409) {
                return Result.CONFLICT;
            }
            if (!r.isSuccessful()) {
                log.info("Failed to delete pod {}/{}: {} {}", ns, name, r.code(), r.body());
                return Result.FAILED;
            }
            return Result.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.FAILED;
        } catch (Exception e) {
            log.info("Failed to delete pod {}/{}: {}", ns, name, e.toString());
            return Result.FAILED;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
