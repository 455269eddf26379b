package io.kubeboot.node.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.DockerException;
import io.kubeboot.api.json.Json;

/**
 * Docker's own error text from a docker-java exception. docker-java reports an HTTP error as
 * {@code Status 404: {"message":"No such image: x"}}; the kubelet shows just the daemon's message.
 */
public final class DockerMessages {
    private DockerMessages() {
    }

    /** The daemon's message of an error response, else the exception's message. */
    public static String of(Throwable error) {
        String text = error.getMessage();
        if (text == null) {
            return error.getClass().getSimpleName();
        }
        if (error instanceof DockerException) {
            return daemonMessage(text);
        }
        return text.trim();
    }

    /** Strips docker-java's {@code Status N: } prefix and unwraps the JSON body's {@code message}. */
    static String daemonMessage(String text) {
        String body = text.trim();
        if (body.startsWith("Status ")) {
            int colon = body.indexOf(": ");
            if (colon > 0) {
                body = body.substring(colon + 2).trim();
            }
        }
        if (body.startsWith("{")) {
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node.hasNonNull("message")) {
                    return node.get("message").asText().trim();
                }
            } catch (Exception e) {
                // not JSON after all: keep the raw text
            }
        }
        return body;
    }
}
