package io.kubeboot.api.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Scheduling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Go facts table matches the generated descriptors it is applied to. */
class GoFieldFactsTest {
    private static final GoFieldFacts FACTS = GoFieldFacts.load();

    /**
     * Fields added in Kubernetes 1.31/1.32 (mostly alpha) that client-java-proto 24.0.0 predates; the
     * table lists them because it follows kubernetes/api v0.32, and they are harmless there.
     */
    private static final List<String> NEWER_THAN_THE_JAR = List.of(
            "k8s.io.api.core.v1.PodSecurityContext.seLinuxChangePolicy",
            "k8s.io.api.core.v1.PodSecurityContext.supplementalGroupsPolicy",
            "k8s.io.api.core.v1.NodeRuntimeHandlerFeatures.userNamespaces",
            "k8s.io.api.core.v1.LinuxContainerUser.gid",
            "k8s.io.api.core.v1.LinuxContainerUser.uid",
            "k8s.io.api.core.v1.NodeStatus.features",
            "k8s.io.api.core.v1.NodeFeatures.supplementalGroupsPolicy",
            "k8s.io.api.core.v1.ResourceHealth.resourceID",
            "k8s.io.api.core.v1.ResourceStatus.name",
            "k8s.io.api.core.v1.ContainerUser.linux",
            "k8s.io.api.core.v1.ContainerStatus.user",
            "k8s.io.api.core.v1.PodSpec.resources",
            "k8s.io.api.core.v1.VolumeSource.image",
            "k8s.io.api.core.v1.PodLogOptions.stream",
            "k8s.io.api.core.v1.PodResourceClaim.resourceClaimName",
            "k8s.io.api.core.v1.PodResourceClaim.resourceClaimTemplateName",
            "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential",
            "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement.key",
            "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement.operator");

    @Test
    void everyEntryOfTheCoreGroupsNamesAnExistingProtoField() {
        List<String> missing = new ArrayList<>();
        List<FileDescriptor> files = List.of(V1.getDescriptor(), V1Apps.getDescriptor(), Meta.getDescriptor(),
                V1Scheduling.getDescriptor());
        for (String key : FACTS.fields()) {
            for (FileDescriptor file : files) {
                String prefix = file.getPackage() + ".";
                if (!key.startsWith(prefix)) {
                    continue;
                }
                String rest = key.substring(prefix.length());
                int dot = rest.lastIndexOf('.');
                Descriptor type = file.findMessageTypeByName(rest.substring(0, dot));
                if (type == null || type.findFieldByName(rest.substring(dot + 1)) == null) {
                    missing.add(key);
                }
            }
        }
        // A mismatch outside the known list means the table and the descriptors disagree on names.
        assertThat(missing).isSubsetOf(NEWER_THAN_THE_JAR);
    }

    @ParameterizedTest
    @CsvSource({
            "k8s.io.api.apps.v1.DeploymentSpec, replicas, true, false, false",
            "k8s.io.api.apps.v1.DeploymentSpec, minReadySeconds, false, false, false",
            "k8s.io.api.core.v1.Container, name, false, true, false",
            "k8s.io.api.core.v1.Volume, volumeSource, false, true, true",
            "k8s.io.api.scheduling.v1.PriorityClass, value, false, true, false",
            "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta, deletionGracePeriodSeconds, true, false, false"})
    void knowsPointersOmitemptyAndInline(String message, String field, boolean pointer, boolean always,
                                         boolean inline) {
        FieldDescriptor descriptor = descriptor(message).findFieldByName(field);

        GoFieldFacts.Facts facts = FACTS.of(descriptor);

        assertThat(facts.pointer()).isEqualTo(pointer);
        assertThat(facts.always()).isEqualTo(always);
        assertThat(facts.inline()).isEqualTo(inline);
    }

    @Test
    void rejectsUnknownFlags() {
        assertThatThrownBy(() -> GoFieldFacts.parse(new BufferedReader(new StringReader("a.B.c maybe\n"))))
                .hasMessageContaining("unknown flag 'maybe'");
    }

    private static Descriptor descriptor(String fullName) {
        for (FileDescriptor file : List.of(V1.getDescriptor(), V1Apps.getDescriptor(), Meta.getDescriptor(),
                V1Scheduling.getDescriptor())) {
            if (fullName.startsWith(file.getPackage() + ".")) {
                return file.findMessageTypeByName(fullName.substring(file.getPackage().length() + 1));
            }
        }
        throw new IllegalArgumentException(fullName);
    }
}
