package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases of upstream's TestMatchPodFailurePolicy: which rule decides, and what it makes of the failure. */
class PodFailurePoliciesTest {

    private static PodFailurePolicyRule exitCodes(String action, String container, String operator, Integer... values) {
        return new PodFailurePolicyRuleBuilder().withAction(action).withNewOnExitCodes().withContainerName(container)
                .withOperator(operator).withValues(values).endOnExitCodes().build();
    }

    private static PodFailurePolicyRule conditions(String action, String type, String status) {
        return new PodFailurePolicyRuleBuilder().withAction(action).addNewOnPodCondition().withType(type).withStatus(status)
                .endOnPodCondition().build();
    }

    private static PodFailurePolicy policy(PodFailurePolicyRule... rules) {
        return new PodFailurePolicyBuilder().withRules(rules).build();
    }

    private static ContainerStatus terminated(String name, int exitCode) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withExitCode(exitCode)
                .endTerminated().endState().build();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewRunning().endRunning().endState().build();
    }

    private static Pod failed(List<ContainerStatus> init, List<ContainerStatus> containers, String... trueConditions) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace("default").withName("mypod").endMetadata()
                .withNewStatus().withPhase("Failed").withInitContainerStatuses(init).withContainerStatuses(containers)
                .endStatus();
        for (String c : trueConditions) {
            b.editStatus().addToConditions(new PodConditionBuilder().withType(c).withStatus("True").build()).endStatus();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        String failJob42 = "Container main-container for pod default/mypod failed with exit code 42 matching FailJob rule at index 0";
        return Stream.of(
                Arguments.of("no policy: counted", null, failed(List.of(), List.of(terminated("main-container", 2))),
                        null, true, null),
                Arguments.of("FailJob on exit code In", policy(exitCodes("FailJob", null, "In", 2, 42)),
                        failed(List.of(), List.of(terminated("main-container", 42))), failJob42, true, "FailJob"),
                Arguments.of("exit code not in the values: no match", policy(exitCodes("FailJob", null, "In", 2)),
                        failed(List.of(), List.of(terminated("main-container", 42))), null, true, null),
                Arguments.of("NotIn matches another code", policy(exitCodes("Ignore", null, "NotIn", 5, 6)),
                        failed(List.of(), List.of(terminated("main-container", 42))), null, false, "Ignore"),
                Arguments.of("NotIn never matches exit code 0", policy(exitCodes("FailJob", null, "NotIn", 5)),
                        failed(List.of(), List.of(terminated("main-container", 0), terminated("sidecar", 0))), null, true, null),
                Arguments.of("Count on exit code", policy(exitCodes("Count", null, "In", 42)),
                        failed(List.of(), List.of(terminated("main-container", 42))), null, true, "Count"),
                Arguments.of("only the named container", policy(exitCodes("FailJob", "other", "In", 42)),
                        failed(List.of(), List.of(terminated("main-container", 42))), null, true, null),
                Arguments.of("a container still running has no exit code", policy(exitCodes("FailJob", null, "NotIn", 0)),
                        failed(List.of(), List.of(running("main-container"))), null, true, null),
                Arguments.of("init containers are looked at after the others",
                        policy(exitCodes("FailJob", null, "In", 7)),
                        failed(List.of(terminated("init-container", 7)), List.of(running("main-container"))),
                        "Container init-container for pod default/mypod failed with exit code 7 matching FailJob rule at index 0",
                        true, "FailJob"),
                Arguments.of("Ignore on a pod condition", policy(conditions("Ignore", "DisruptionTarget", "True")),
                        failed(List.of(), List.of(terminated("main-container", 137)), "DisruptionTarget"), null, false, "Ignore"),
                Arguments.of("FailJob on a pod condition, second rule",
                        policy(exitCodes("Ignore", null, "In", 1), conditions("FailJob", "DisruptionTarget", "True")),
                        failed(List.of(), List.of(terminated("main-container", 137)), "DisruptionTarget"),
                        "Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 1", true, "FailJob"),
                Arguments.of("condition status must match", policy(conditions("Ignore", "DisruptionTarget", "False")),
                        failed(List.of(), List.of(terminated("main-container", 137)), "DisruptionTarget"), null, true, null),
                Arguments.of("the first matching rule wins",
                        policy(exitCodes("Ignore", null, "In", 42), exitCodes("FailJob", null, "In", 42)),
                        failed(List.of(), List.of(terminated("main-container", 42))), null, false, "Ignore"),
                Arguments.of("FailIndex (backoffLimitPerIndex unsupported) is passed over",
                        policy(exitCodes("FailIndex", null, "In", 42), exitCodes("Count", null, "In", 42)),
                        failed(List.of(), List.of(terminated("main-container", 42))), null, true, "Count"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void match(String name, PodFailurePolicy policy, Pod pod, String message, boolean countFailed, String action) {
        PodFailurePolicies.Match m = PodFailurePolicies.match(policy, pod);
        assertThat(m.failJobMessage()).isEqualTo(java.util.Optional.ofNullable(message));
        assertThat(m.countFailed()).isEqualTo(countFailed);
        assertThat(m.action()).isEqualTo(java.util.Optional.ofNullable(action));
    }

    @Test
    void ignoredFailuresAreNotCountedAndOnlyFailedPodsFailTheJob() {
        var job = new JobBuilder().withNewSpec().withPodFailurePolicy(policy(conditions("Ignore", "DisruptionTarget", "True"),
                exitCodes("FailJob", null, "In", 42))).endSpec().build();
        Pod disrupted = failed(List.of(), List.of(terminated("c", 137)), "DisruptionTarget");
        Pod plain = failed(List.of(), List.of(terminated("c", 1)));
        Pod fatal = failed(List.of(), List.of(terminated("c", 42)));
        Pod runningWith42 = new PodBuilder(fatal).editStatus().withPhase("Running").endStatus().build();
        assertThat(PodFailurePolicies.countedFailures(job, List.of(disrupted, plain, fatal))).isEqualTo(2);
        assertThat(PodFailurePolicies.failJobMessage(job, List.of(disrupted, plain))).isEmpty();
        // only a failed pod can fail the Job
        assertThat(PodFailurePolicies.failJobMessage(job, List.of(runningWith42))).isEmpty();
        assertThat(PodFailurePolicies.failJobMessage(job, List.of(plain, fatal))).contains(
                "Container c for pod default/mypod failed with exit code 42 matching FailJob rule at index 1");
    }
}
