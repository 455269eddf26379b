package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.JsonParserSequence;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.util.TokenBuffer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Reads a watch event ({@code {"type": ..., "object": {...}}}) straight into the model class of its object.
 * fabric8's own reading (its {@code KubernetesDeserializer}) parses the object into a tree, looks up the kind there
 * and converts the tree into the class: two passes and a tree for every event of every informer, about 40% of the
 * informer threads' CPU in the scheduler and the controller manager (profiled, controller benchmark). Here only
 * the object's fields up to its {@code apiVersion} and {@code kind} are buffered (the apiserver, like
 * kube-apiserver, writes them first) and replayed ahead of the rest of the stream, as Jackson reads a type id
 * property. The result is the object fabric8 makes: the same bean deserializer reads it. Objects whose kind is not
 * registered or missing, and values that are not objects, are read by fabric8's deserializer as before.
 *
 * <p>Belongs to one mapper (it keeps that mapper's deserializers). Thread safe.
 */
final class WatchEventDeserializer extends StdDeserializer<WatchEvent> {
    private final BiFunction<String, String, Class<? extends KubernetesResource>> kinds;
    /**
     * The mapper's deserializer of each model class met: looking it up per event ({@code ctxt.readValue}) cost a
     * fifth of the reading (class annotations are introspected again for the type deserializer).
     */
    private final Map<Class<?>, ValueDeserializer<Object>> byType = new ConcurrentHashMap<>();

    /** {@code kinds}: the registered class of an apiVersion and kind, or null (fabric8's {@code getRegisteredKubernetesResource}). */
    WatchEventDeserializer(BiFunction<String, String, Class<? extends KubernetesResource>> kinds) {
        super(WatchEvent.class);
        this.kinds = kinds;
    }

    @Override
    public WatchEvent deserialize(JsonParser p, DeserializationContext ctxt) {
        String name;
        if (p.isExpectedStartObjectToken()) {
            name = p.nextName();
        } else if (p.currentToken() == JsonToken.PROPERTY_NAME) {
            name = p.currentName();
        } else {
            return (WatchEvent) ctxt.handleUnexpectedToken(WatchEvent.class, p);
        }
        WatchEvent event = new WatchEvent();
        for (; name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> event.setType(value == JsonToken.VALUE_NULL ? null : p.getValueAsString());
                case "object" -> event.setObject(readObject(p, ctxt));
                default -> event.setAdditionalProperty(name, ctxt.readValue(p, Object.class));
            }
        }
        return event;
    }

    private Object readObject(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return p.currentToken() == JsonToken.VALUE_NULL ? null : fabric8(p, ctxt);
        }
        TokenBuffer head = ctxt.bufferForInputBuffering(p);
        head.writeStartObject();
        String apiVersion = null;
        String kind = null;
        while (apiVersion == null || kind == null) {
            String name = p.nextName();
            if (name == null) {
                // the whole object is buffered and has no apiVersion or kind
                head.writeEndObject();
                return fabric8(head.asParserOnFirstToken(ctxt), ctxt);
            }
            if (p.nextToken() == JsonToken.VALUE_STRING) {
                if (name.equals("apiVersion")) {
                    apiVersion = p.getString();
                } else if (name.equals("kind")) {
                    kind = p.getString();
                }
            }
            head.writeName(name);
            head.copyCurrentStructure(p);
        }
        Class<? extends KubernetesResource> type = kinds.apply(apiVersion, kind);
        if (type == null) {
            // fabric8 reads it as a tree anyway (GenericKubernetesResource): buffer the rest too
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                head.writeName(name);
                head.copyCurrentStructure(p);
            }
            head.writeEndObject();
            return fabric8(head.asParserOnFirstToken(ctxt), ctxt);
        }
        JsonParser object = JsonParserSequence.createFlattened(false, head.asParser(ctxt, p), p);
        object.nextToken();
        ValueDeserializer<Object> deserializer = byType.get(type);
        if (deserializer == null) {
            deserializer = ctxt.findRootValueDeserializer(ctxt.constructType(type));
            byType.put(type, deserializer);
        }
        return deserializer.deserialize(object, ctxt);
    }

    private static Object fabric8(JsonParser p, DeserializationContext ctxt) {
        return ctxt.readValue(p, KubernetesResource.class);
    }
}
