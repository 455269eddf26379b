package io.kubeboot.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.protobuf.ProtobufDecoder;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

import java.io.IOException;

/**
 * Reads request bodies with kube-apiserver's size limit and decodes them by Content-Type: JSON,
 * YAML, or Kubernetes protobuf (which kubectl sends for its typed "create" commands).
 */
public final class Bodies {
    public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private Bodies() {
    }

    /** The whole body, or 413 beyond {@code max} bytes (checked before reading when Content-Length says so). */
    public static Mono<byte[]> read(ServerHttpRequest request, int max) {
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return Mono.error(ApiErrors.requestEntityTooLarge("limit is " + max));
        }
        return DataBufferUtils.join(request.getBody(), max)
                .map(buf -> {
                    byte[] bytes = new byte[buf.readableByteCount()];
                    buf.read(bytes);
                    DataBufferUtils.release(buf);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> ApiErrors.requestEntityTooLarge("limit is " + max));
    }

    /** The media type without parameters, lower case; JSON when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/json";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
    }

    /** An object body for create/update. */
    public static ObjectNode decodeObject(byte[] body, String contentType) {
        String type = mediaType(contentType);
        JsonNode node = switch (type) {
            case "application/json", "*/*" -> parseJson(body);
            case "application/yaml", "application/x-yaml", "text/yaml" -> parseYaml(body);
            case PROTOBUF -> ProtobufDecoder.decode(body);
            default -> throw ApiErrors.unsupportedMediaType(contentType);
        };
        if (!(node instanceof ObjectNode o)) {
            throw ApiErrors.badRequest("couldn't get version/kind; json parse error: the body is not a JSON object");
        }
        return o;
    }

    public static JsonNode parseJson(byte[] body) {
        if (body.length == 0) {
            throw ApiErrors.badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw ApiErrors.badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input");
            }
            return n;
        } catch (StreamConstraintsException e) {
            throw ApiErrors.badRequest("couldn't get version/kind; json parse error: exceeded max depth");
        } catch (JsonProcessingException e) {
            throw ApiErrors.badRequest("couldn't get version/kind; json parse error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiErrors.badRequest("couldn't get version/kind; json parse error: " + e.getMessage());
        }
    }

    private static JsonNode parseYaml(byte[] body) {
        try {
            JsonNode n = Json.YAML.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw ApiErrors.badRequest("couldn't get version/kind; yaml parse error: empty document");
            }
            return n;
        } catch (IOException e) {
            throw ApiErrors.badRequest("couldn't get version/kind; yaml parse error: " + e.getMessage());
        }
    }
}
