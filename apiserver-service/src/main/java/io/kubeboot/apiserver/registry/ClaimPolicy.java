package io.kubeboot.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.store.Claim;

import java.util.List;
import java.util.Set;

/**
 * Unique values an object holds (a Service's ClusterIP and NodePorts): the registry takes and releases
 * them in the same atomic store write as the object, so none is ever held twice or leaked.
 * Implementations are stateless apart from reading the store; thread safe.
 */
public interface ClaimPolicy {

    ClaimPolicy NONE = new ClaimPolicy() {
        @Override
        public List<Claim> assign(ObjectNode object, JsonNode old, Set<Claim> avoid) {
            return List.of();
        }

        @Override
        public List<Claim> held(JsonNode object) {
            return List.of();
        }

        @Override
        public StatusException onTaken(Claim claim, ObjectNode requested) {
            throw new IllegalStateException("no claims");
        }
    };

    /**
     * Fills in values the client left for the server to allocate (avoiding {@code avoid}), keeps the
     * ones it asked for, and returns every claim the object will hold. {@code old} is null on create.
     */
    List<Claim> assign(ObjectNode object, JsonNode old, Set<Claim> avoid);

    /** The claims a stored object holds. */
    List<Claim> held(JsonNode object);

    /**
     * The answer when a claim was already taken: an error when the client asked for that value, or
     * null when the server picked it and should pick again.
     */
    StatusException onTaken(Claim claim, ObjectNode requested);
}
