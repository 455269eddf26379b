package io.kubeboot.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.StatusCause;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

import java.util.List;

/** Writes API responses: JSON bodies, Status objects, Warning headers. */
public final class Responses {
    private Responses() {
    }

    public static Mono<Void> json(ServerHttpResponse response, int code, byte[] body, List<String> warnings) {
        response.setStatusCode(HttpStatusCode.valueOf(code));
        HttpHeaders h = response.getHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setContentLength(body.length);
        h.set("Cache-Control", "no-cache, private");
        for (String w : warnings) {
            h.add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        DataBuffer buf = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buf));
    }

    public static Mono<Void> json(ServerHttpResponse response, int code, byte[] body) {
        return json(response, code, body, List.of());
    }

    public static Mono<Void> status(ServerHttpResponse response, StatusException e) {
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().set("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        return json(response, e.code(), statusBytes(e));
    }

    /** The meta/v1 Status object of a failure. */
    public static ObjectNode statusObject(StatusException e) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", e.getMessage());
        s.put("reason", e.reason());
        StatusException.Details d = e.details();
        if (d != null || e.retryAfterSeconds() != null) {
            ObjectNode details = s.putObject("details");
            if (d != null) {
                putIf(details, "name", d.name());
                putIf(details, "group", d.group());
                putIf(details, "kind", d.kind());
                putIf(details, "uid", d.uid());
                if (!d.causes().isEmpty()) {
                    ArrayNode causes = details.putArray("causes");
                    for (StatusCause c : d.causes()) {
                        ObjectNode cn = causes.addObject();
                        putIf(cn, "reason", c.reason());
                        putIf(cn, "message", c.message());
                        putIf(cn, "field", c.field());
                    }
                }
            }
            if (e.retryAfterSeconds() != null) {
                details.put("retryAfterSeconds", e.retryAfterSeconds());
            }
        }
        s.put("code", e.code());
        return s;
    }

    public static byte[] statusBytes(StatusException e) {
        return Json.bytes(statusObject(e));
    }

    /** The Status of a successful delete, as upstream's generic store returns it. */
    public static byte[] successStatus(String name, String group, String kind, String uid) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        ObjectNode d = s.putObject("details");
        putIf(d, "name", name);
        putIf(d, "group", group);
        putIf(d, "kind", kind);
        putIf(d, "uid", uid);
        return Json.bytes(s);
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }
}
