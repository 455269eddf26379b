package io.kubeboot.controller.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubeboot.api.json.Json;

import java.util.concurrent.ExecutionException;

/**
 * The few untyped calls the namespace deleter needs, by path (as client-go's dynamic client): list, delete,
 * deletecollection and the namespace {@code finalize} subresource. Non-2xx answers throw
 * {@link KubernetesClientException} carrying the server's Status (code, reason, causes).
 */
final class RawApi {
    private final KubernetesClient client;

    RawApi(KubernetesClient client) {
        this.client = client;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode delete(String path, String deleteOptions) {
        return send("DELETE", path, deleteOptions);
    }

    JsonNode put(String path, String body) {
        return send("PUT", path, body);
    }

    private JsonNode send(String method, String path, String body) {
        String base = client.getConfiguration().getMasterUrl();
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        HttpRequest.Builder b = client.getHttpClient().newHttpRequestBuilder().uri(url).header("Accept", "application/json");
        if (body != null) {
            b.method(method, "application/json", body);
        } else {
            b.method(method, null, (String) null);
        }
        HttpResponse<String> resp;
        try {
            resp = client.getHttpClient().sendAsync(b.build(), String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted: " + method + " " + path, e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException(method + " " + path + ": " + e.getCause().getMessage(), e.getCause());
        }
        JsonNode json;
        try {
            String text = resp.body();
            json = text == null || text.isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (Exception e) {
            json = Json.MAPPER.createObjectNode();
        }
        if (!resp.isSuccessful()) {
            Status status;
            try {
                status = Json.MAPPER.treeToValue(json, Status.class);
            } catch (Exception e) {
                status = null;
            }
            String message = status != null && status.getMessage() != null ? status.getMessage() : method + " " + path + ": " + resp.code();
            throw new KubernetesClientException(message, resp.code(), status);
        }
        return json;
    }
}
