package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.apiserver.registry.priorityclasses.PriorityClassLister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cases from upstream {@code TestPodAdmission} and {@code TestDefaultPriority} (plugin/pkg/admission/priority). */
class PriorityAdmissionTest {
    static final PriorityClass DEFAULT1 = pc("default1", 1000, true, null);
    static final PriorityClass DEFAULT2 = pc("default2", 2000, true, null);
    static final PriorityClass NONDEFAULT1 = pc("nondefault1", 2000, false, null);
    static final PriorityClass SYSTEM_CLUSTER_CRITICAL = pc("system-cluster-critical", 2_000_000_000, true, null);
    static final PriorityClass NEVER_POLICY = pc("nopreemptionpolicy", 2000, true, "Never");
    static final PriorityClass LOWER_POLICY = pc("nopreemptionpolicy", 2000, true, "PreemptLowerPriority");

    static PriorityClass pc(String name, int value, boolean globalDefault, String preemptionPolicy) {
        return new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata().withValue(value)
                .withGlobalDefault(globalDefault).withPreemptionPolicy(preemptionPolicy).build();
    }

    static Pod pod(String name, String namespace, Consumer<PodSpec> spec) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName("container").endContainer().endSpec().build();
        spec.accept(pod.getSpec());
        return pod;
    }

    /** {@code className}/{@code policy}: what the pod ends up with; {@code error}: the 403 message, or null. */
    record Case(String name, List<PriorityClass> existing, Pod pod, int priority, String className, String policy,
                String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case ok(String name, List<PriorityClass> existing, Pod pod, int priority, String className, String policy) {
        return new Case(name, existing, pod, priority, className, policy, null);
    }

    static Case refused(String name, List<PriorityClass> existing, Pod pod, String error) {
        return new Case(name, existing, pod, 0, null, null, error);
    }

    static Stream<Case> cases() {
        return Stream.of(
                ok("pod with priority class", List.of(DEFAULT1, NONDEFAULT1),
                        pod("pod-w-priorityclass", "namespace", s -> s.setPriorityClassName("default1")), 1000, "default1", null),
                ok("pod without priority class gets the global default's name and value", List.of(DEFAULT1),
                        pod("pod-wo-priorityclass", "namespace", s -> { }), 1000, "default1", null),
                ok("pod without priority class and no existing priority class", List.of(),
                        pod("pod-wo-priorityclass", "namespace", s -> { }), 0, null, "PreemptLowerPriority"),
                ok("pod without priority class and no default class", List.of(NONDEFAULT1),
                        pod("pod-wo-priorityclass", "namespace", s -> { }), 0, null, "PreemptLowerPriority"),
                ok("several defaults: the lowest value wins", List.of(DEFAULT2, DEFAULT1),
                        pod("pod-wo-priorityclass", "namespace", s -> { }), 1000, "default1", null),
                ok("pod with a system priority class", List.of(SYSTEM_CLUSTER_CRITICAL),
                        pod("pod-w-system-priority", "kube-system", s -> s.setPriorityClassName("system-cluster-critical")),
                        2_000_000_000, "system-cluster-critical", null),
                refused("pod with non-existing priority class", List.of(DEFAULT1, NONDEFAULT1),
                        pod("pod-w-non-existing-priorityclass", "namespace", s -> s.setPriorityClassName("non-existing")),
                        "pods \"pod-w-non-existing-priorityclass\" is forbidden: no PriorityClass with name non-existing was found"),
                refused("pod with integer priority and a class that is not there", List.of(),
                        pod("pod-w-integer-priority", "namespace", s -> {
                            s.setPriorityClassName("default1");
                            s.setPriority(1000);
                        }), "pods \"pod-w-integer-priority\" is forbidden: no PriorityClass with name default1 was found"),
                refused("pod with integer priority differing from its class", List.of(NONDEFAULT1),
                        pod("pod-w-integer-priority", "namespace", s -> {
                            s.setPriorityClassName("nondefault1");
                            s.setPriority(1000);
                        }), "pods \"pod-w-integer-priority\" is forbidden: the integer value of priority (1000) must not be "
                                + "provided in pod spec; priority admission controller computed 2000 from the given PriorityClass name"),
                ok("pod with system critical priority in non-system namespace", List.of(SYSTEM_CLUSTER_CRITICAL),
                        pod("pod-w-system-priority-in-nonsystem-namespace", "non-system-namespace",
                                s -> s.setPriorityClassName("system-cluster-critical")), 2_000_000_000, "system-cluster-critical", null),
                ok("pod with priority that matches computed priority", List.of(NONDEFAULT1),
                        pod("pod-w-zero-priority-in-nonsystem-namespace", "non-system-namespace", s -> s.setPriority(0)),
                        0, null, "PreemptLowerPriority"),
                ok("pod with priority that matches default priority", List.of(DEFAULT2),
                        pod("pod-w-priority-matching-default-priority", "non-system-namespace", s -> s.setPriority(2000)),
                        2000, "default2", null),
                refused("pod with priority that differs from the default priority", List.of(DEFAULT2),
                        pod("p", "ns", s -> s.setPriority(7)), "pods \"p\" is forbidden: the integer value of priority (7) "
                                + "must not be provided in pod spec; priority admission controller computed 2000 from the given PriorityClass name"),
                ok("pod with priority that matches resolved priority", List.of(SYSTEM_CLUSTER_CRITICAL),
                        pod("pod-w-priority-matching-resolved-default-priority", "kube-system", s -> {
                            s.setPriorityClassName("system-cluster-critical");
                            s.setPriority(2_000_000_000);
                        }), 2_000_000_000, "system-cluster-critical", null),
                ok("pod with nil preemption policy takes the class's", List.of(NEVER_POLICY),
                        pod("pod-never-preemption-policy-matching-resolved-preemption-policy", "kube-system", s -> {
                            s.setPriorityClassName("nopreemptionpolicy");
                            s.setPriority(2000);
                        }), 2000, "nopreemptionpolicy", "Never"),
                ok("pod with preemption policy that matches resolved preemption policy", List.of(LOWER_POLICY),
                        pod("pod-preemption-policy-matching-resolved-preemption-policy", "kube-system", s -> {
                            s.setPriorityClassName("nopreemptionpolicy");
                            s.setPriority(2000);
                            s.setPreemptionPolicy("PreemptLowerPriority");
                        }), 2000, "nopreemptionpolicy", "PreemptLowerPriority"),
                refused("pod with preemption policy that doesn't match resolved preemption policy", List.of(LOWER_POLICY),
                        pod("pod-preemption-policy-not-matching-resolved-preemption-policy", "kube-system", s -> {
                            s.setPriorityClassName("nopreemptionpolicy");
                            s.setPriority(2000);
                            s.setPreemptionPolicy("Never");
                        }), "pods \"pod-preemption-policy-not-matching-resolved-preemption-policy\" is forbidden: the string "
                                + "value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission "
                                + "controller computed PreemptLowerPriority from the given PriorityClass name"),
                refused("a pod without a class still may not choose its preemption policy", List.of(),
                        pod("p", "ns", s -> s.setPreemptionPolicy("Never")), "pods \"p\" is forbidden: the string value of "
                                + "PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller "
                                + "computed PreemptLowerPriority from the given PriorityClass name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void admitCreate(Case c) {
        PriorityAdmission admission = new PriorityAdmission(PriorityClassLister.of(c.existing()));
        if (c.error() != null) {
            assertThatThrownBy(() -> admission.admitCreate(c.pod()))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(403);
                        assertThat(e.reason()).isEqualTo("Forbidden");
                    })
                    .hasMessage(c.error());
            return;
        }
        admission.admitCreate(c.pod());
        assertThat(c.pod().getSpec().getPriority()).isEqualTo(c.priority());
        assertThat(c.pod().getSpec().getPriorityClassName()).isEqualTo(c.className());
        assertThat(c.pod().getSpec().getPreemptionPolicy()).isEqualTo(c.policy());
        // upstream runs every case again on its own output (WithReinvocationTesting): same result, no error
        admission.admitCreate(c.pod());
        assertThat(c.pod().getSpec().getPriority()).isEqualTo(c.priority());
        assertThat(c.pod().getSpec().getPriorityClassName()).isEqualTo(c.className());
    }

    @Test
    void generatedNamesAreReportedByTheirPrefix() {
        Pod pod = pod("web-6d4cf-x7k2q", "ns", s -> s.setPriorityClassName("missing"));
        pod.getMetadata().setGenerateName("web-6d4cf-");
        assertThatThrownBy(() -> new PriorityAdmission(PriorityClassLister.of(List.of())).admitCreate(pod))
                .hasMessage("pods \"web-6d4cf-\" is forbidden: no PriorityClass with name missing was found");
    }

    @Test
    void updateKeepsWhatCreateSet() {
        Pod old = pod("p", "ns", s -> { });
        new PriorityAdmission(PriorityClassLister.of(List.of(NEVER_POLICY))).admitCreate(old);
        PodSpec next = new PodBuilder(old).editSpec().withPriority(null).withPreemptionPolicy(null).endSpec().build().getSpec();
        PriorityAdmission.admitUpdate(next, old.getSpec());
        assertThat(next.getPriority()).isEqualTo(2000);
        assertThat(next.getPreemptionPolicy()).isEqualTo("Never");
    }
}
