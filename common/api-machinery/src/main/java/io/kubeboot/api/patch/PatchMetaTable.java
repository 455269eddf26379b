package io.kubeboot.api.patch;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code patchStrategy} / {@code patchMergeKey} struct tags of k8s.io/api v0.32 (core/v1, apps/v1,
 * batch/v1; coordination/v1, discovery/v1 and scheduling/v1 declare none) and of metav1.ObjectMeta,
 * keyed by fabric8 model class and JSON field name. Strategic merge patch reads them to merge lists
 * by key; the OpenAPI document publishes them as {@code x-kubernetes-patch-strategy} and
 * {@code x-kubernetes-patch-merge-key}.
 *
 * <p>A field without an entry has no strategy: its lists are replaced and its objects merged.
 * Note that upstream gives node taints, tolerations and ServiceAccount.imagePullSecrets no
 * strategy. Immutable and thread safe.
 */
public final class PatchMetaTable {
    private static final Map<Class<?>, Map<String, PatchMeta>> TABLE = build();

    private PatchMetaTable() {
    }

    public static Optional<PatchMeta> lookup(Class<?> ownerModelClass, String jsonField) {
        return Optional.ofNullable(fieldsOf(ownerModelClass).get(jsonField));
    }

    /** Every tagged field of a class, in k8s.io/api declaration order; empty when none. */
    public static Map<String, PatchMeta> fieldsOf(Class<?> ownerModelClass) {
        return TABLE.getOrDefault(ownerModelClass, Map.of());
    }

    /** The classes that have tagged fields. */
    public static java.util.Set<Class<?>> classes() {
        return TABLE.keySet();
    }

    private static Map<Class<?>, Map<String, PatchMeta>> build() {
        Map<Class<?>, Map<String, PatchMeta>> t = new LinkedHashMap<>();
        put(t, io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.Container.class, "ports", List.of("merge"), "containerPort");
        put(t, io.fabric8.kubernetes.api.model.Container.class, "env", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.Container.class, "volumeMounts", List.of("merge"), "mountPath");
        put(t, io.fabric8.kubernetes.api.model.Container.class, "volumeDevices", List.of("merge"), "devicePath");
        put(t, io.fabric8.kubernetes.api.model.ContainerStatus.class, "volumeMounts", List.of("merge"), "mountPath");
        put(t, io.fabric8.kubernetes.api.model.ContainerStatus.class, "allocatedResourcesStatus", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "volumes", List.of("merge", "retainKeys"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "initContainers", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "containers", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "ephemeralContainers", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "imagePullSecrets", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "hostAliases", List.of("merge"), "ip");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "topologySpreadConstraints", List.of("merge"), "topologyKey");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "schedulingGates", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.PodSpec.class, "resourceClaims", List.of("merge", "retainKeys"), "name");
        put(t, io.fabric8.kubernetes.api.model.EphemeralContainer.class, "ports", List.of("merge"), "containerPort");  // Go type EphemeralContainerCommon
        put(t, io.fabric8.kubernetes.api.model.EphemeralContainer.class, "env", List.of("merge"), "name");  // Go type EphemeralContainerCommon
        put(t, io.fabric8.kubernetes.api.model.EphemeralContainer.class, "volumeMounts", List.of("merge"), "mountPath");  // Go type EphemeralContainerCommon
        put(t, io.fabric8.kubernetes.api.model.EphemeralContainer.class, "volumeDevices", List.of("merge"), "devicePath");  // Go type EphemeralContainerCommon
        put(t, io.fabric8.kubernetes.api.model.PodStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.PodStatus.class, "hostIPs", List.of("merge"), "ip");
        put(t, io.fabric8.kubernetes.api.model.PodStatus.class, "podIPs", List.of("merge"), "ip");
        put(t, io.fabric8.kubernetes.api.model.PodStatus.class, "resourceClaimStatuses", List.of("merge", "retainKeys"), "name");
        put(t, io.fabric8.kubernetes.api.model.ReplicationControllerStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.ServiceStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.ServiceSpec.class, "ports", List.of("merge"), "port");
        put(t, io.fabric8.kubernetes.api.model.ServiceAccount.class, "secrets", List.of("merge"), "name");
        put(t, io.fabric8.kubernetes.api.model.NodeSpec.class, "podCIDRs", List.of("merge"), "");
        put(t, io.fabric8.kubernetes.api.model.NodeStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.NodeStatus.class, "addresses", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.NamespaceStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.ComponentStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.apps.StatefulSetStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.apps.DeploymentSpec.class, "strategy", List.of("retainKeys"), "");
        put(t, io.fabric8.kubernetes.api.model.apps.DeploymentStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.apps.DaemonSetStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.batch.v1.JobStatus.class, "conditions", List.of("merge"), "type");
        put(t, io.fabric8.kubernetes.api.model.ObjectMeta.class, "ownerReferences", List.of("merge"), "uid");
        put(t, io.fabric8.kubernetes.api.model.ObjectMeta.class, "finalizers", List.of("merge"), "");
        Map<Class<?>, Map<String, PatchMeta>> frozen = new HashMap<>();
        t.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static void put(Map<Class<?>, Map<String, PatchMeta>> t, Class<?> owner, String field,
                            List<String> strategies, String mergeKey) {
        t.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(field, new PatchMeta(strategies, mergeKey));
    }
}
