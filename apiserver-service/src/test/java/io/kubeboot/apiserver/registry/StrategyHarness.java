package io.kubeboot.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.apiserver.registry.Strategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives a strategy the way the generic registry does (uid and creationTimestamp first, then
 * prepare, defaults, validate), so tests see what a client would see.
 */
public final class StrategyHarness {
    public static final String UID = "0a1b2c3d-0000-4000-8000-000000000001";

    private StrategyHarness() {
    }

    public static <T extends HasMetadata> T yaml(Class<T> type, String yaml) {
        try {
            JsonNode n = Json.YAML.readTree(yaml);
            return Json.MAPPER.treeToValue(n, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T extends HasMetadata> T copy(T obj, Class<T> type) {
        try {
            return Json.MAPPER.readValue(Json.bytes(obj), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registry create path: system fields, prepareForCreate, applyDefaults; returns the stored object. */
    public static <T extends HasMetadata> T created(Strategy<T> s, T obj) {
        if (obj.getMetadata() == null) {
            obj.setMetadata(new ObjectMeta());
        }
        if (obj.getMetadata().getUid() == null) {
            obj.getMetadata().setUid(UID);
        }
        obj.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
        s.prepareForCreate(obj);
        s.applyDefaults(obj);
        return obj;
    }

    public static <T extends HasMetadata> List<FieldError> create(Strategy<T> s, T obj) {
        return s.validate(created(s, obj)).list();
    }

    /** Registry update path on a copy of {@code old} changed by {@code change}. */
    public static <T extends HasMetadata> List<FieldError> update(Strategy<T> s, T old, Consumer<T> change) {
        T obj = copy(old, s.type());
        change.accept(obj);
        s.prepareForUpdate(obj, old);
        s.applyDefaults(obj);
        FieldErrors errs = s.validateUpdate(obj, old);
        return errs.list();
    }

    public static String render(List<FieldError> errs) {
        return errs.stream().map(FieldError::toString).reduce("", (a, b) -> a + b + "\n");
    }
}
