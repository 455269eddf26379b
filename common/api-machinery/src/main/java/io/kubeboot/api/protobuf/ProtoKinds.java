package io.kubeboot.api.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds whose protobuf form can be decoded: every top-level type (a message with an ObjectMeta
 * or ListMeta {@code metadata}) of the GA group versions kube-apiserver 1.32 serves and
 * client-java-proto ships. Keyed by apiVersion ("v1", "apps/v1") and kind.
 *
 * <p>Immutable after construction; thread safe.
 */
final class ProtoKinds {
    private static final String OBJECT_META = "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String LIST_META = "k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta";

    /** Outer classes of the generated code, one per generated.proto of a served group version. */
    private static final List<Class<?>> FILES = List.of(V1.class, V1Apps.class, V1Authentication.class,
            V1Authorization.class, V1Autoscaling.class, V1Batch.class, V1Certificates.class, V1Networking.class,
            V1Policy.class, V1Rbac.class, V1Scheduling.class, V1Storage.class, V1Admissionregistration.class);

    /** The Go package directory (second-to-last proto package segment) to the API group it serves. */
    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("core", ""),
            Map.entry("apps", "apps"),
            Map.entry("batch", "batch"),
            Map.entry("policy", "policy"),
            Map.entry("autoscaling", "autoscaling"),
            Map.entry("authentication", "authentication.k8s.io"),
            Map.entry("authorization", "authorization.k8s.io"),
            Map.entry("rbac", "rbac.authorization.k8s.io"),
            Map.entry("networking", "networking.k8s.io"),
            Map.entry("scheduling", "scheduling.k8s.io"),
            Map.entry("storage", "storage.k8s.io"),
            Map.entry("certificates", "certificates.k8s.io"),
            Map.entry("admissionregistration", "admissionregistration.k8s.io"));

    private final Map<String, Message> prototypes;

    private ProtoKinds(Map<String, Message> prototypes) {
        this.prototypes = Map.copyOf(prototypes);
    }

    static ProtoKinds builtin() {
        Map<String, Message> prototypes = new HashMap<>();
        for (Class<?> file : FILES) {
            for (Class<?> nested : file.getClasses()) {
                if (!Message.class.isAssignableFrom(nested)) {
                    continue;
                }
                Message prototype = defaultInstance(nested);
                Descriptor type = prototype.getDescriptorForType();
                if (isTopLevel(type)) {
                    prototypes.put(key(apiVersion(type.getFile().getPackage()), type.getName()), prototype);
                }
            }
        }
        return new ProtoKinds(prototypes);
    }

    /** The empty message of the kind, whose parser decodes {@code runtime.Unknown.raw}. */
    Optional<Message> prototype(String apiVersion, String kind) {
        return Optional.ofNullable(prototypes.get(key(apiVersion, kind)));
    }

    /** Whether any kind of this apiVersion ("apps/v1") is known. */
    boolean servesApiVersion(String apiVersion) {
        return prototypes.keySet().stream().anyMatch(k -> k.startsWith(apiVersion + "|"));
    }

    int size() {
        return prototypes.size();
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "|" + kind;
    }

    /** "k8s.io.api.apps.v1" to "apps/v1", "k8s.io.api.core.v1" to "v1". */
    static String apiVersion(String protoPackage) {
        String[] parts = protoPackage.split("\\.");
        String version = parts[parts.length - 1];
        String group = GROUPS.get(parts[parts.length - 2]);
        if (group == null) {
            throw new IllegalStateException("no API group known for proto package " + protoPackage);
        }
        return group.isEmpty() ? version : group + "/" + version;
    }

    private static boolean isTopLevel(Descriptor type) {
        FieldDescriptor metadata = type.findFieldByName("metadata");
        if (metadata == null || metadata.getType() != FieldDescriptor.Type.MESSAGE) {
            return false;
        }
        String metaType = metadata.getMessageType().getFullName();
        return metaType.equals(OBJECT_META) || metaType.equals(LIST_META);
    }

    private static Message defaultInstance(Class<?> messageClass) {
        try {
            return (Message) messageClass.getMethod("getDefaultInstance").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not a generated message class: " + messageClass, e);
        }
    }
}
