package io.kubeboot.controller.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link MetadataClient} over the fabric8 client's HTTP client (so its rate limit and user agent apply). Plain REST
 * calls instead of fabric8's DSL because the garbage collector needs what the DSL hides: delete preconditions (uid), the
 * NotFound of a delete, and patches of any resource.
 */
public final class Fabric8MetadataClient implements MetadataClient {
    private static final long TIMEOUT_SECONDS = 60;

    private final HttpClient http;
    private final String base;

    public Fabric8MetadataClient(KubernetesClient client) {
        this.http = client.getHttpClient();
        String url = client.getMasterUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public ObjectMeta get(ResourceInfo resource, String namespace, String name) {
        HttpRequest req = http.newHttpRequestBuilder().uri(url(resource, namespace, name))
                .header("Accept", "application/json").build();
        return metadata(send(req));
    }

    @Override
    public void delete(ResourceInfo resource, String namespace, String name, String preconditionUid, String propagationPolicy) {
        ObjectNode opts = Json.MAPPER.createObjectNode();
        opts.put("kind", "DeleteOptions");
        opts.put("apiVersion", "v1");
        if (preconditionUid != null) {
            opts.putObject("preconditions").put("uid", preconditionUid);
        }
        if (propagationPolicy != null) {
            opts.put("propagationPolicy", propagationPolicy);
        }
        HttpRequest req = http.newHttpRequestBuilder().uri(url(resource, namespace, name))
                .header("Accept", "application/json").delete("application/json", opts.toString()).build();
        send(req);
    }

    @Override
    public ObjectMeta patch(ResourceInfo resource, String namespace, String name, String patchType, String body) {
        HttpRequest req = http.newHttpRequestBuilder().uri(url(resource, namespace, name))
                .header("Accept", "application/json").patch(patchType, body).build();
        return metadata(send(req));
    }

    private String url(ResourceInfo resource, String namespace, String name) {
        return base + resource.collectionPath(resource.namespaced() ? namespace : null) + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private String send(HttpRequest req) {
        HttpResponse<String> resp;
        try {
            resp = http.sendAsync(req, String.class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new KubernetesClientException("the request to " + req.uri() + " timed out", e);
        }
        if (resp.isSuccessful()) {
            return resp.body();
        }
        throw error(resp.code(), resp.body());
    }

    /** The server's Status as a client exception; a generic message when the body is not a Status. */
    public static KubernetesClientException error(int code, String body) {
        Status status = null;
        try {
            if (body != null && !body.isBlank()) {
                JsonNode tree = Json.MAPPER.readTree(body);
                if ("Status".equals(tree.path("kind").asText())) {
                    status = Json.MAPPER.treeToValue(tree, Status.class);
                }
            }
        } catch (Exception ignored) {
            // not JSON: fall back to the code alone
        }
        if (status == null) {
            status = new Status();
            status.setCode(code);
            status.setMessage("the server responded with the status code " + code + " but did not return more information");
        }
        if (status.getCode() == null) {
            status.setCode(code);
        }
        return new KubernetesClientException(status.getMessage(), code, status);
    }

    private static ObjectMeta metadata(String body) {
        try {
            JsonNode meta = Json.MAPPER.readTree(body).path("metadata");
            return Json.MAPPER.treeToValue(meta, ObjectMeta.class);
        } catch (Exception e) {
            throw new KubernetesClientException("cannot decode the object's metadata: " + e.getMessage(), e);
        }
    }
}
