package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.*;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.registry.priorityclasses.PriorityClassLister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Pod create/update/status behaviour after upstream's pod strategy tests and {@code TestValidatePodUpdate}. */
class PodStrategyTest {
    private final PodStrategy strategy = new PodStrategy(PriorityClassLister.of(List.of()));

    private Pod created(Consumer<Pod> customize) {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().addNewContainer().withName("ctr").withImage("nginx:1.27").endContainer().endSpec().build();
        customize.accept(pod);
        strategy.prepareForCreate(pod);
        strategy.applyDefaults(pod);
        return pod;
    }

    static Stream<Arguments> qosCases() {
        return Stream.of(
                arguments("no resources", null, null, "BestEffort"),
                arguments("requests only", Map.of("cpu", "100m"), null, "Burstable"),
                arguments("limits only default requests", null, Map.of("cpu", "1", "memory", "1Gi"), "Guaranteed"),
                arguments("equal requests and limits", Map.of("cpu", "1", "memory", "1Gi"), Map.of("cpu", "1", "memory", "1Gi"), "Guaranteed"),
                arguments("memory limit only", null, Map.of("memory", "1Gi"), "Burstable"),
                arguments("requests below limits", Map.of("cpu", "500m", "memory", "1Gi"), Map.of("cpu", "1", "memory", "1Gi"), "Burstable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qosCases")
    void createSetsPendingAndQos(String name, Map<String, String> requests, Map<String, String> limits, String qos) {
        Pod pod = created(p -> p.getSpec().getContainers().get(0).setResources(PodSpecValidationTest.resources(requests, limits)));
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getQosClass()).isEqualTo(qos);
        assertThat(strategy.validate(pod).list()).isEmpty();
    }

    @Test
    void admissionDefaults() {
        Pod pod = created(p -> { });
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
        assertThat(pod.getSpec().getVolumes()).as("no token volume is injected").isEmpty();
        assertThat(pod.getSpec().getTolerations()).hasSize(2);
        assertThat(pod.getSpec().getPriority()).isZero();
        assertThat(pod.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void tolerateEverythingSuppressesDefaultTolerations() {
        Pod pod = created(p -> p.getSpec().setTolerations(List.of(new Toleration(null, null, "Exists", null, null))));
        assertThat(pod.getSpec().getTolerations()).hasSize(1);
        Pod other = created(p -> p.getSpec().setTolerations(List.of(
                new Toleration("NoExecute", PodAdmissionDefaults.TAINT_NOT_READY, "Exists", 60L, null))));
        assertThat(other.getSpec().getTolerations()).extracting(Toleration::getKey)
                .containsExactly(PodAdmissionDefaults.TAINT_NOT_READY, PodAdmissionDefaults.TAINT_UNREACHABLE);
        assertThat(other.getSpec().getTolerations().get(0).getTolerationSeconds()).isEqualTo(60L);
    }

    @Test
    void latestTagPullsAlways() {
        Pod pod = created(p -> p.getSpec().getContainers().get(0).setImage("nginx"));
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
        Pod digest = created(p -> p.getSpec().getContainers().get(0).setImage("nginx@sha256:abc"));
        assertThat(digest.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void schedulingGatesAddTheGatedCondition() {
        Pod pod = created(p -> p.getSpec().setSchedulingGates(List.of(new PodSchedulingGate("example.com/gate"))));
        assertThat(pod.getStatus().getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("SchedulingGated"));
        pod.getSpec().setNodeName("node-1");
        assertErrors(strategy.validate(pod), of(forbidden("spec.nodeName")));
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                arguments("valid", (Consumer<Pod>) p -> { }, none()),
                arguments("ephemeral containers on create", (Consumer<Pod>) p -> p.getSpec().setEphemeralContainers(List.of(
                        new EphemeralContainerBuilder().withName("debug").withImage("busybox").build())), of(forbidden("spec.ephemeralContainers"))),
                arguments("image with whitespace", (Consumer<Pod>) p -> p.getSpec().getContainers().get(0).setImage(" nginx "),
                        of(invalid("spec.containers[0].image"))),
                arguments("hostNetwork pods get hostPort defaulted", (Consumer<Pod>) p -> {
                    p.getSpec().setHostNetwork(true);
                    p.getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder().withContainerPort(80).build()));
                }, none()),
                arguments("mirror pod without node", (Consumer<Pod>) p -> p.getMetadata().setAnnotations(Map.of(PodSpecValidation.MIRROR_POD_ANNOTATION, "x")),
                        of(invalid("metadata.annotations[kubernetes.io/config.mirror]"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void validatesCreate(String name, Consumer<Pod> mutate, List<Expect> expected) {
        assertErrors(strategy.validate(created(mutate)), expected);
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                arguments("no change", (Consumer<Pod>) p -> { }, none()),
                arguments("image change", (Consumer<Pod>) p -> p.getSpec().getContainers().get(0).setImage("nginx:1.28"), none()),
                arguments("image removed", (Consumer<Pod>) p -> p.getSpec().getContainers().get(0).setImage(""),
                        of(required("spec.containers[0].image"), required("spec.containers[0].image"))),
                arguments("container added", (Consumer<Pod>) p -> p.getSpec().getContainers().add(
                        new ContainerBuilder(p.getSpec().getContainers().get(0)).withName("two").build()), of(forbidden("spec.containers"))),
                arguments("restartPolicy changed", (Consumer<Pod>) p -> p.getSpec().setRestartPolicy("Never"), of(forbidden("spec"))),
                arguments("labels may change", (Consumer<Pod>) p -> p.getMetadata().setLabels(Map.of("a", "b")), none()),
                arguments("activeDeadlineSeconds set", (Consumer<Pod>) p -> p.getSpec().setActiveDeadlineSeconds(30L), none()),
                arguments("toleration added", (Consumer<Pod>) p -> p.getSpec().getTolerations().add(new Toleration("NoSchedule", "k", "Exists", null, null)), none()),
                arguments("toleration seconds changed", (Consumer<Pod>) p -> p.getSpec().getTolerations().get(1).setTolerationSeconds(10L), none()),
                arguments("toleration value changed", (Consumer<Pod>) p -> p.getSpec().getTolerations().get(0).setOperator("Equal"),
                        of(forbidden("spec.tolerations"))),
                arguments("toleration removed", (Consumer<Pod>) p -> p.getSpec().getTolerations().remove(0),
                        of(forbidden("spec.tolerations"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void validatesUpdate(String name, Consumer<Pod> mutate, List<Expect> expected) {
        // a user toleration first: the default ones would be re-added by admission if removed
        Pod old = created(p -> p.getSpec().setTolerations(List.of(new Toleration("NoSchedule", "example.com/k", "Exists", null, null))));
        Pod pod = new PodBuilder(old).build();
        pod.getSpec().setContainers(new ArrayList<>(old.getSpec().getContainers().stream().map(c -> new ContainerBuilder(c).build()).toList()));
        pod.getSpec().setTolerations(new ArrayList<>(old.getSpec().getTolerations().stream().map(t -> new TolerationBuilder(t).build()).toList()));
        mutate.accept(pod);
        strategy.prepareForUpdate(pod, old);
        strategy.applyDefaults(pod);
        assertErrors(strategy.validateUpdate(pod, old), expected);
    }

    @Test
    void forbiddenUpdateNamesTheUpdatableFields() {
        Pod old = created(p -> { });
        Pod pod = new PodBuilder(old).build();
        pod.getSpec().setRestartPolicy("Never");
        FieldError e = strategy.validateUpdate(pod, old).list().get(0);
        assertThat(e.toString()).startsWith("spec: Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                + "(allow it to be set to 1 if it was previously negative)\n");
        assertThat(e.detail()).contains("spec.restartPolicy");
    }

    @Test
    void activeDeadlineSecondsMayOnlyShrink() {
        Pod old = created(p -> p.getSpec().setActiveDeadlineSeconds(30L));
        Pod longer = new PodBuilder(old).editSpec().withActiveDeadlineSeconds(60L).endSpec().build();
        assertErrors(strategy.validateUpdate(longer, old), of(invalid("spec.activeDeadlineSeconds")));
        Pod shorter = new PodBuilder(old).editSpec().withActiveDeadlineSeconds(10L).endSpec().build();
        assertErrors(strategy.validateUpdate(shorter, old), none());
        Pod unset = new PodBuilder(old).editSpec().withActiveDeadlineSeconds(null).endSpec().build();
        assertErrors(strategy.validateUpdate(unset, old), of(invalid("spec.activeDeadlineSeconds")));
    }

    @Test
    void priorityIsKeptOnUpdate() {
        Pod old = created(p -> { });
        Pod pod = new PodBuilder(old).editSpec().withPriority(null).withPreemptionPolicy(null).endSpec().build();
        strategy.prepareForUpdate(pod, old);
        assertThat(pod.getSpec().getPriority()).isZero();
        assertThat(strategy.validateUpdate(pod, old).list()).isEmpty();
    }

    static Stream<Arguments> statusCases() {
        return Stream.of(
                arguments("running", (Consumer<Pod>) p -> {
                    p.getStatus().setPhase("Running");
                    p.getStatus().setPodIP("10.0.0.5");
                    p.getStatus().setPodIPs(List.of(new PodIP("10.0.0.5")));
                }, none()),
                arguments("bad pod IP", (Consumer<Pod>) p -> p.getStatus().setPodIPs(List.of(new PodIP("10.0.0.500"))),
                        of(invalid("status.podIPs[0]"))),
                arguments("two IPv4 pod IPs", (Consumer<Pod>) p -> p.getStatus().setPodIPs(List.of(new PodIP("10.0.0.5"), new PodIP("10.0.0.6"))),
                        of(invalid("status.podIPs"))),
                arguments("qos changed", (Consumer<Pod>) p -> p.getStatus().setQosClass("Guaranteed"), of(invalid("status.qosClass"))),
                arguments("hostIPs disagree with hostIP", (Consumer<Pod>) p -> {
                    p.getStatus().setHostIP("192.168.0.1");
                    p.getStatus().setHostIPs(List.of(new HostIP("192.168.0.2")));
                }, of(invalid("status.hostIPs[0].ip"))),
                arguments("custom condition type", (Consumer<Pod>) p -> p.getStatus().setConditions(List.of(
                        new PodConditionBuilder().withType("bad type").withStatus("True").build())), of(invalid("metadata.conditions[0].Type"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusCases")
    void validatesStatusUpdate(String name, Consumer<Pod> mutate, List<Expect> expected) {
        Pod old = created(p -> { });
        Pod pod = new PodBuilder(old).build();
        mutate.accept(pod);
        strategy.prepareForStatusUpdate(pod, old);
        assertErrors(strategy.validateStatusUpdate(pod, old), expected);
    }

    @Test
    void terminatedContainersStayTerminatedUnderRestartNever() {
        Pod old = created(p -> p.getSpec().setRestartPolicy("Never"));
        old.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("ctr")
                .withNewState().withNewTerminated().withExitCode(0).endTerminated().endState().build()));
        Pod pod = new PodBuilder(old).build();
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("ctr")
                .withNewState().withNewRunning().endRunning().endState().build()));
        assertErrors(strategy.validateStatusUpdate(pod, old), of(forbidden("status.containerStatuses[0].state")));
    }

    @Test
    void statusWritesKeepOwnerReferencesAndQos() {
        Pod old = created(p -> p.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("ReplicaSet").withName("rs").withUid("u").build())));
        Pod pod = new PodBuilder(old).build();
        pod.getMetadata().setOwnerReferences(List.of());
        pod.getStatus().setQosClass(null);
        strategy.prepareForStatusUpdate(pod, old);
        assertThat(pod.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
    }
}
