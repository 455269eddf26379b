package io.kubeboot.api.patch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.schema.FieldType;
import io.kubeboot.api.schema.ModelSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PatchMetaTableTest {
    private static final List<Class<?>> ROOTS = List.of(Pod.class, Node.class, Service.class, Endpoints.class,
            ConfigMap.class, Secret.class, ServiceAccount.class, Event.class, Namespace.class, Deployment.class,
            ReplicaSet.class, DaemonSet.class, Job.class, CronJob.class, Lease.class, EndpointSlice.class,
            PriorityClass.class);

    static Stream<Arguments> tags() {
        return Stream.of(
                Arguments.of(PodSpec.class, "containers", "merge", "name"),
                Arguments.of(PodSpec.class, "initContainers", "merge", "name"),
                Arguments.of(PodSpec.class, "volumes", "merge,retainKeys", "name"),
                Arguments.of(PodSpec.class, "imagePullSecrets", "merge", "name"),
                Arguments.of(Container.class, "ports", "merge", "containerPort"),
                Arguments.of(Container.class, "env", "merge", "name"),
                Arguments.of(Container.class, "volumeMounts", "merge", "mountPath"),
                Arguments.of(EphemeralContainer.class, "env", "merge", "name"),
                Arguments.of(PodStatus.class, "conditions", "merge", "type"),
                Arguments.of(PodStatus.class, "podIPs", "merge", "ip"),
                Arguments.of(NodeStatus.class, "conditions", "merge", "type"),
                Arguments.of(NodeStatus.class, "addresses", "merge", "type"),
                Arguments.of(NodeSpec.class, "podCIDRs", "merge", ""),
                Arguments.of(ServiceSpec.class, "ports", "merge", "port"),
                Arguments.of(ServiceAccount.class, "secrets", "merge", "name"),
                Arguments.of(DeploymentSpec.class, "strategy", "retainKeys", ""),
                Arguments.of(DeploymentStatus.class, "conditions", "merge", "type"),
                Arguments.of(JobStatus.class, "conditions", "merge", "type"),
                Arguments.of(ObjectMeta.class, "ownerReferences", "merge", "uid"),
                Arguments.of(ObjectMeta.class, "finalizers", "merge", ""));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("tags")
    void holdsTheStructTagsOfK8sApi(Class<?> owner, String field, String strategy, String mergeKey) {
        assertThat(PatchMetaTable.lookup(owner, field)).hasValueSatisfying(meta -> {
            assertThat(meta.strategy()).isEqualTo(strategy);
            assertThat(meta.mergeKey()).isEqualTo(mergeKey);
        });
    }

    /** Upstream declares no strategy for these, although one might expect it: their lists are replaced. */
    @Test
    void untaggedFieldsHaveNoEntry() {
        assertThat(PatchMetaTable.lookup(NodeSpec.class, "taints")).isEmpty();
        assertThat(PatchMetaTable.lookup(PodSpec.class, "tolerations")).isEmpty();
        assertThat(PatchMetaTable.lookup(ServiceAccount.class, "imagePullSecrets")).isEmpty();
        assertThat(PatchMetaTable.lookup(Container.class, "args")).isEmpty();
        assertThat(PatchMetaTable.lookup(PodSpec.class, "Containers")).as("JSON names, case sensitive").isEmpty();
        assertThat(PatchMetaTable.fieldsOf(ConfigMap.class)).isEmpty();
    }

    /** Every entry names a list (or a retainKeys object) of its class, and the merge key is a field of the items. */
    @Test
    void everyEntryMatchesTheModel() {
        ModelSchema schema = ModelSchema.get();
        for (Class<?> owner : PatchMetaTable.classes()) {
            PatchMetaTable.fieldsOf(owner).forEach((field, meta) -> {
                FieldType type = schema.property(owner, field).orElseThrow(
                        () -> new AssertionError(owner.getSimpleName() + " has no field " + field));
                if (meta.strategies().contains("merge")) {
                    assertThat(type.isList()).as(owner.getSimpleName() + "." + field).isTrue();
                }
                if (!meta.mergeKey().isEmpty()) {
                    assertThat(schema.property(type.element().rawClass(), meta.mergeKey()))
                            .as(owner.getSimpleName() + "." + field + " merge key").isPresent();
                }
            });
        }
    }

    @Test
    void coversTheTypesReachableFromTheServedResources() {
        Set<Class<?>> reachable = reachable();
        assertThat(reachable).contains(PodSpec.class, Container.class, EphemeralContainer.class, ObjectMeta.class,
                PodStatus.class, NodeSpec.class, NodeStatus.class, ServiceSpec.class, DeploymentSpec.class,
                DeploymentStatus.class, JobStatus.class, ServiceAccount.class);
        long tagged = reachable.stream().filter(c -> !PatchMetaTable.fieldsOf(c).isEmpty()).count();
        assertThat(tagged).isGreaterThanOrEqualTo(15);
    }

    private static Set<Class<?>> reachable() {
        ModelSchema schema = ModelSchema.get();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(ROOTS);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            for (FieldType t : schema.properties(c).values()) {
                while (t.element() != null) {
                    t = t.element();
                }
                if (t.isObject()) {
                    todo.push(t.rawClass());
                }
            }
        }
        return seen;
    }
}
