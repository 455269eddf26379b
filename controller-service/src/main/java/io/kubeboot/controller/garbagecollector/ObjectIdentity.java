package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.Comparator;
import java.util.Objects;

/**
 * Upstream's {@code objectReference}: the coordinates (apiVersion, kind, name, uid) of an object plus its namespace,
 * empty for cluster-scoped objects. Graph nodes, absent-owner cache entries and API calls are keyed by it. Immutable;
 * never null fields (absent values are "").
 */
public record ObjectIdentity(String apiVersion, String kind, String namespace, String name, String uid) {

    /** Upstream {@code referenceLessThan}: kind, apiVersion, namespace, name, uid. */
    static final Comparator<ObjectIdentity> ORDER = Comparator.comparing(ObjectIdentity::kind)
            .thenComparing(ObjectIdentity::apiVersion)
            .thenComparing(ObjectIdentity::namespace)
            .thenComparing(ObjectIdentity::name)
            .thenComparing(ObjectIdentity::uid);

    public ObjectIdentity {
        apiVersion = Objects.requireNonNullElse(apiVersion, "");
        kind = Objects.requireNonNullElse(kind, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
        uid = Objects.requireNonNullElse(uid, "");
    }

    /** The owner an ownerReference names, placed in {@code namespace} (the dependent's, or "" when cluster-scoped). */
    static ObjectIdentity ofOwner(OwnerReference ref, String namespace) {
        return new ObjectIdentity(ref.getApiVersion(), ref.getKind(), namespace, ref.getName(), ref.getUid());
    }

    ObjectIdentity withNamespace(String ns) {
        return new ObjectIdentity(apiVersion, kind, ns, name, uid);
    }

    ObjectIdentity withApiVersionAndKind(String newApiVersion, String newKind) {
        return new ObjectIdentity(newApiVersion, newKind, namespace, name, uid);
    }

    /** Upstream {@code ownerReferenceMatchesCoordinates}: uid, name, kind and apiVersion all equal. */
    boolean matchesCoordinates(OwnerReference ref) {
        return uid.equals(nz(ref.getUid())) && name.equals(nz(ref.getName())) && kind.equals(nz(ref.getKind()))
                && apiVersion.equals(nz(ref.getApiVersion()));
    }

    ObjectReference toObjectReference() {
        return new ObjectReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNamespace(namespace.isEmpty() ? null : namespace).withName(name).withUid(uid).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** As upstream logs and reports it: {@code [v1/Pod, namespace: ns1, name: p, uid: 123]}. */
    @Override
    public String toString() {
        return "[" + apiVersion + "/" + kind + ", namespace: " + namespace + ", name: " + name + ", uid: " + uid + "]";
    }
}
