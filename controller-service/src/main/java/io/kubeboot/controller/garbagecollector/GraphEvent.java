package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A change the graph builder processes (upstream {@code event}): an informer's add/update/delete of an object of
 * {@code apiVersion}/{@code kind} (the monitored type, not what the object claims), or a virtual delete the workers
 * produce once the apiserver says an object does not exist. Only metadata matters to the graph.
 *
 * <p>Queue items compare by identity: two equal-looking changes are still two events.
 */
final class GraphEvent {
    enum Type { ADD, UPDATE, DELETE }

    private final Type type;
    private final boolean virtual;
    private final String apiVersion;
    private final String kind;
    private final ObjectMeta meta;
    private final ObjectMeta oldMeta;

    GraphEvent(Type type, boolean virtual, String apiVersion, String kind, ObjectMeta meta, ObjectMeta oldMeta) {
        this.type = type;
        this.virtual = virtual;
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.meta = meta;
        this.oldMeta = oldMeta;
    }

    static GraphEvent add(String apiVersion, String kind, ObjectMeta meta) {
        return new GraphEvent(Type.ADD, false, apiVersion, kind, meta, null);
    }

    static GraphEvent update(String apiVersion, String kind, ObjectMeta oldMeta, ObjectMeta meta) {
        return new GraphEvent(Type.UPDATE, false, apiVersion, kind, meta, oldMeta);
    }

    static GraphEvent delete(String apiVersion, String kind, ObjectMeta meta) {
        return new GraphEvent(Type.DELETE, false, apiVersion, kind, meta, null);
    }

    /** Upstream {@code enqueueVirtualDeleteEvent}: the object {@code ref} names is known not to exist. */
    static GraphEvent virtualDelete(ObjectIdentity ref) {
        ObjectMeta m = new ObjectMeta();
        m.setNamespace(ref.namespace().isEmpty() ? null : ref.namespace());
        m.setName(ref.name());
        m.setUid(ref.uid());
        return new GraphEvent(Type.DELETE, true, ref.apiVersion(), ref.kind(), m, null);
    }

    Type type() {
        return type;
    }

    boolean virtual() {
        return virtual;
    }

    String apiVersion() {
        return apiVersion;
    }

    String kind() {
        return kind;
    }

    ObjectMeta meta() {
        return meta;
    }

    /** The previous state for updates; null otherwise. */
    ObjectMeta oldMeta() {
        return oldMeta;
    }

    /** Upstream {@code identityFromEvent}. */
    ObjectIdentity identity() {
        return new ObjectIdentity(apiVersion, kind, meta.getNamespace(), meta.getName(), meta.getUid());
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + (virtual ? " (virtual) " : " ") + identity();
    }
}
