package io.kubeboot.apiserver.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
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
 * The Go API types of Kubernetes as the generated.proto descriptors of client-java-proto describe
 * them, looked up by OpenAPI schema name ({@code io.k8s.api.core.v1.Pod} is the proto message
 * {@code k8s.io.api.core.v1.Pod}). Used to name model classes as upstream does and to recover what
 * the fabric8 model flattens, such as meta/v1 Time fields that fabric8 types as plain strings.
 *
 * <p>Immutable; thread safe.
 */
final class UpstreamTypes {
    private static final List<FileDescriptor> FILES = List.of(Meta.getDescriptor(), Runtime.getDescriptor(),
            Resource.getDescriptor(), IntStr.getDescriptor(), V1.getDescriptor(), V1Apps.getDescriptor(),
            V1Authentication.getDescriptor(), V1Authorization.getDescriptor(), V1Autoscaling.getDescriptor(),
            V1Batch.getDescriptor(), V1Certificates.getDescriptor(), V1Networking.getDescriptor(),
            V1Policy.getDescriptor(), V1Rbac.getDescriptor(), V1Scheduling.getDescriptor(),
            V1Storage.getDescriptor(), V1Admissionregistration.getDescriptor());

    private final Map<String, Descriptor> bySchemaName = new HashMap<>();

    UpstreamTypes() {
        for (FileDescriptor file : FILES) {
            for (Descriptor message : file.getMessageTypes()) {
                bySchemaName.put(schemaName(message.getFullName()), message);
            }
        }
    }

    /** Whether the Go type of this OpenAPI schema name exists, e.g. "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta". */
    boolean exists(String schemaName) {
        return bySchemaName.containsKey(schemaName);
    }

    /**
     * The schema name of the apimachinery/API message type of a property, when the property is a
     * message field of a known type; e.g. ("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
     * "creationTimestamp") gives "io.k8s.apimachinery.pkg.apis.meta.v1.Time".
     */
    Optional<String> fieldSchema(String schemaName, String property) {
        Descriptor message = bySchemaName.get(schemaName);
        if (message == null) {
            return Optional.empty();
        }
        FieldDescriptor field = message.findFieldByName(property);
        if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()) {
            return Optional.empty();
        }
        return Optional.of(schemaName(field.getMessageType().getFullName()));
    }

    /**
     * Whether a property holds Go {@code []byte} (base64 in JSON), directly or as map values, such as
     * Secret.data; fabric8 types those as strings.
     */
    boolean isBytes(String schemaName, String property) {
        Descriptor message = bySchemaName.get(schemaName);
        FieldDescriptor field = message == null ? null : message.findFieldByName(property);
        if (field == null) {
            return false;
        }
        if (field.isMapField()) {
            field = field.getMessageType().findFieldByName("value");
        }
        return field.getType() == FieldDescriptor.Type.BYTES;
    }

    /** "k8s.io.api.core.v1.Pod" to "io.k8s.api.core.v1.Pod". */
    static String schemaName(String protoFullName) {
        return protoFullName.startsWith("k8s.io.") ? "io.k8s." + protoFullName.substring("k8s.io.".length())
                : protoFullName;
    }
}
