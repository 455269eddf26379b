package io.kubeboot.apiserver.registry.jobs;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases from upstream {@code TestValidateJob}, {@code TestValidateJobUpdate} and the job strategy tests. */
class JobStrategyTest {
    private final JobStrategy strategy = new JobStrategy();
    private static final String UID = StrategyHarness.UID;

    static Job valid() {
        return StrategyHarness.yaml(Job.class, """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi, namespace: default}
                spec:
                  template:
                    spec:
                      containers: [{name: pi, image: perl:5.34.0}]
                      restartPolicy: Never
                """);
    }

    @Test
    void createGeneratesSelectorLabelsAndDefaults() {
        Job job = StrategyHarness.created(strategy, valid());
        assertThat(strategy.validate(job).list()).isEmpty();
        assertThat(job.getSpec().getSelector().getMatchLabels())
                .containsExactly(Map.entry("batch.kubernetes.io/controller-uid", UID));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsExactly(
                Map.entry("job-name", "pi"), Map.entry("batch.kubernetes.io/job-name", "pi"),
                Map.entry("controller-uid", UID), Map.entry("batch.kubernetes.io/controller-uid", UID));
        assertThat(job.getMetadata().getLabels()).isEqualTo(job.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(6);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("NonIndexed");
        assertThat(job.getSpec().getSuspend()).isFalse();
        assertThat(job.getSpec().getManualSelector()).isFalse();
        assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("TerminatingOrFailed");
    }

    @Test
    void parallelismAloneLeavesCompletionsUnset() {
        Job job = valid();
        job.getSpec().setParallelism(3);
        assertThat(StrategyHarness.created(strategy, job).getSpec().getCompletions()).isNull();
    }

    @Test
    void manualSelectorIsKept() {
        Job job = valid();
        job.getSpec().setManualSelector(true);
        job.getSpec().setSelector(new LabelSelector(null, Map.of("a", "b")));
        job.getSpec().getTemplate().setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        job.getSpec().getTemplate().getMetadata().setLabels(Map.of("a", "b"));
        assertThat(StrategyHarness.create(strategy, job)).isEmpty();
        assertThat(job.getSpec().getSelector().getMatchLabels()).containsOnlyKeys("a");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("negative parallelism", (Consumer<Job>) j -> j.getSpec().setParallelism(-1),
                        "spec.parallelism", Type.INVALID),
                arguments("negative completions", (Consumer<Job>) j -> j.getSpec().setCompletions(-1),
                        "spec.completions", Type.INVALID),
                arguments("negative activeDeadlineSeconds", (Consumer<Job>) j -> j.getSpec().setActiveDeadlineSeconds(-1L),
                        "spec.activeDeadlineSeconds", Type.INVALID),
                arguments("negative backoffLimit", (Consumer<Job>) j -> j.getSpec().setBackoffLimit(-1),
                        "spec.backoffLimit", Type.INVALID),
                arguments("negative ttl", (Consumer<Job>) j -> j.getSpec().setTtlSecondsAfterFinished(-1),
                        "spec.ttlSecondsAfterFinished", Type.INVALID),
                arguments("restartPolicy Always", (Consumer<Job>) j ->
                        j.getSpec().getTemplate().getSpec().setRestartPolicy("Always"),
                        "spec.template.spec.restartPolicy", Type.REQUIRED),
                arguments("restartPolicy unset", (Consumer<Job>) j ->
                        j.getSpec().getTemplate().getSpec().setRestartPolicy(null),
                        "spec.template.spec.restartPolicy", Type.REQUIRED),
                arguments("wrong generated label", (Consumer<Job>) j -> {
                    j.getSpec().getTemplate().setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
                    j.getSpec().getTemplate().getMetadata().setLabels(Map.of("controller-uid", "other"));
                }, "spec.template.metadata.labels[controller-uid]", Type.INVALID),
                arguments("selector not generated", (Consumer<Job>) j ->
                        j.getSpec().setSelector(new LabelSelector(null, Map.of("a", "b"))),
                        "spec.selector", Type.INVALID),
                arguments("unknown completionMode", (Consumer<Job>) j -> j.getSpec().setCompletionMode("Foo"),
                        "spec.completionMode", Type.NOT_SUPPORTED),
                arguments("indexed without completions", (Consumer<Job>) j -> {
                    j.getSpec().setCompletionMode("Indexed");
                    j.getSpec().setParallelism(2);
                }, "spec.completions", Type.REQUIRED),
                arguments("indexed parallelism too big", (Consumer<Job>) j -> {
                    j.getSpec().setCompletionMode("Indexed");
                    j.getSpec().setCompletions(2);
                    j.getSpec().setParallelism(100_001);
                }, "spec.parallelism", Type.INVALID),
                arguments("backoffLimitPerIndex needs indexed", (Consumer<Job>) j -> j.getSpec().setBackoffLimitPerIndex(1),
                        "spec.backoffLimitPerIndex", Type.INVALID),
                arguments("maxFailedIndexes needs backoffLimitPerIndex", (Consumer<Job>) j -> {
                    j.getSpec().setCompletionMode("Indexed");
                    j.getSpec().setCompletions(5);
                    j.getSpec().setMaxFailedIndexes(1);
                }, "spec.backoffLimitPerIndex", Type.REQUIRED),
                arguments("podFailurePolicy needs Never", (Consumer<Job>) j -> {
                    j.getSpec().getTemplate().getSpec().setRestartPolicy("OnFailure");
                    j.getSpec().setPodFailurePolicy(exitCodePolicy("FailJob", "In", List.of(1)));
                }, "spec.template.spec.restartPolicy", Type.INVALID),
                arguments("podFailurePolicy unknown action", (Consumer<Job>) j ->
                        j.getSpec().setPodFailurePolicy(exitCodePolicy("Bad", "In", List.of(1))),
                        "spec.podFailurePolicy.rules[0].action", Type.NOT_SUPPORTED),
                arguments("podFailurePolicy zero for In", (Consumer<Job>) j ->
                        j.getSpec().setPodFailurePolicy(exitCodePolicy("FailJob", "In", List.of(0))),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[0]", Type.INVALID),
                arguments("podFailurePolicy unordered", (Consumer<Job>) j ->
                        j.getSpec().setPodFailurePolicy(exitCodePolicy("FailJob", "In", List.of(3, 2))),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values", Type.INVALID),
                arguments("podFailurePolicy duplicate", (Consumer<Job>) j ->
                        j.getSpec().setPodFailurePolicy(exitCodePolicy("FailJob", "NotIn", List.of(2, 2))),
                        "spec.podFailurePolicy.rules[0].onExitCodes.values[1]", Type.DUPLICATE),
                arguments("podFailurePolicy no requirement", (Consumer<Job>) j ->
                        j.getSpec().setPodFailurePolicy(new PodFailurePolicy(List.of(
                                new PodFailurePolicyRule("FailJob", null, null)))),
                        "spec.podFailurePolicy.rules[0]", Type.INVALID),
                arguments("successPolicy needs indexed", (Consumer<Job>) j -> j.getSpec().setSuccessPolicy(
                        new SuccessPolicy(List.of(new SuccessPolicyRule(1, null)))),
                        "spec.successPolicy", Type.INVALID),
                arguments("successPolicy bad indexes", (Consumer<Job>) j -> {
                    j.getSpec().setCompletionMode("Indexed");
                    j.getSpec().setCompletions(5);
                    j.getSpec().setSuccessPolicy(new SuccessPolicy(List.of(new SuccessPolicyRule(null, "3-1"))));
                }, "spec.successPolicy.rules[0].succeededIndexes", Type.INVALID),
                arguments("bad podReplacementPolicy", (Consumer<Job>) j -> j.getSpec().setPodReplacementPolicy("Foo"),
                        "spec.podReplacementPolicy", Type.NOT_SUPPORTED),
                arguments("bad managedBy", (Consumer<Job>) j -> j.getSpec().setManagedBy("nopath"),
                        "spec.managedBy", Type.INVALID),
                arguments("indexed hostname too long", (Consumer<Job>) j -> {
                    j.getMetadata().setName("a".repeat(62));
                    j.getSpec().setCompletionMode("Indexed");
                    j.getSpec().setCompletions(20);
                }, "metadata.name", Type.INVALID));
    }

    static PodFailurePolicy exitCodePolicy(String action, String op, List<Integer> values) {
        return new PodFailurePolicy(List.of(new PodFailurePolicyRule(action,
                new PodFailurePolicyOnExitCodesRequirement(null, op, values), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidJobsAreRejected(String name, Consumer<Job> change, String field, Type type) {
        Job job = valid();
        change.accept(job);
        assertThat(StrategyHarness.create(strategy, job)).extracting(FieldError::field, FieldError::type)
                .contains(Tuple.tuple(field, type));
    }

    @Test
    void messagesMatchUpstream() {
        Job job = valid();
        job.getSpec().getTemplate().getSpec().setRestartPolicy("Always");
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, job)))
                .isEqualTo("spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"\n");
        Job bad = valid();
        bad.getSpec().setSuccessPolicy(null);
        bad.getSpec().setCompletionMode("Indexed");
        bad.getSpec().setCompletions(5);
        bad.getSpec().setSuccessPolicy(new SuccessPolicy(List.of(new SuccessPolicyRule(null, "1,x"))));
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, bad))).isEqualTo(
                "spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"1,x\": error parsing succeededIndexes: "
                        + "cannot convert string to integer for index: \"x\"\n");
    }

    @Test
    void templateIsImmutableButParallelismIsNot() {
        Job old = StrategyHarness.created(strategy, valid());
        assertThat(StrategyHarness.update(strategy, old, j -> j.getSpec().setParallelism(4))).isEmpty();
        assertThat(StrategyHarness.update(strategy, old, j ->
                j.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("perl:6")))
                .extracting(FieldError::field, FieldError::type).containsExactly(Tuple.tuple("spec.template", Type.INVALID));
        assertThat(StrategyHarness.update(strategy, old, j -> j.getSpec().setCompletions(3)))
                .extracting(FieldError::field).containsExactly("spec.completions");
        assertThat(StrategyHarness.update(strategy, old, j -> j.getSpec().setCompletionMode("Indexed")))
                .extracting(FieldError::field).contains("spec.completionMode");
    }

    @Test
    void suspendedUnstartedJobMayChangeSchedulingDirectives() {
        Job j = valid();
        j.getSpec().setSuspend(true);
        Job old = StrategyHarness.created(strategy, j);
        assertThat(StrategyHarness.update(strategy, old, n ->
                n.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("zone", "a")))).isEmpty();
        old.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withStartTime("2025-01-01T00:00:00Z").build());
        assertThat(StrategyHarness.update(strategy, old, n ->
                n.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("zone", "a"))))
                .extracting(FieldError::field).containsExactly("spec.template");
    }

    @Test
    void elasticIndexedJobsScaleCompletionsWithParallelism() {
        Job j = valid();
        j.getSpec().setCompletionMode("Indexed");
        j.getSpec().setCompletions(3);
        j.getSpec().setParallelism(3);
        Job old = StrategyHarness.created(strategy, j);
        assertThat(StrategyHarness.update(strategy, old, n -> {
            n.getSpec().setCompletions(5);
            n.getSpec().setParallelism(5);
        })).isEmpty();
        assertThat(StrategyHarness.render(StrategyHarness.update(strategy, old, n -> n.getSpec().setCompletions(5))))
                .isEqualTo("spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism\n");
    }

    @Test
    void statusCountersMustNotBeNegative() {
        Job old = StrategyHarness.created(strategy, valid());
        Job j = StrategyHarness.copy(old, Job.class);
        JobStatus s = new JobStatus();
        s.setFailed(-1);
        j.setStatus(s);
        assertThat(strategy.validateStatusUpdate(j, old).list()).extracting(FieldError::field).containsExactly("status.failed");
    }

    @Test
    void nonLabelNamesWarn() {
        Job j = valid();
        j.getMetadata().setName("pi.v1");
        assertThat(strategy.warningsOnCreate(j)).singleElement().asString()
                .startsWith("metadata.name: this is used in Pod names and hostnames");
        assertThat(strategy.warningsOnCreate(valid())).isEmpty();
    }
}
