package io.kubeboot.apiserver.registry.cronjobs;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases from upstream {@code TestValidateCronJob} / {@code TestValidateCronJobSpec} and cronjob defaults. */
class CronJobStrategyTest {
    private final CronJobStrategy strategy = new CronJobStrategy();

    static CronJob valid() {
        return StrategyHarness.yaml(CronJob.class, """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: hello, namespace: default}
                spec:
                  schedule: "* * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: hello, image: busybox:1.28}]
                          restartPolicy: OnFailure
                """);
    }

    @Test
    void defaultsMatchUpstream() {
        CronJob cj = StrategyHarness.created(strategy, valid());
        assertThat(strategy.validate(cj).list()).isEmpty();
        assertThat(cj.getSpec().getConcurrencyPolicy()).isEqualTo("Allow");
        assertThat(cj.getSpec().getSuspend()).isFalse();
        assertThat(cj.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cj.getSpec().getFailedJobsHistoryLimit()).isEqualTo(1);
        // no Job defaults on a job template, as upstream
        assertThat(cj.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isNull();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("missing schedule", (Consumer<CronJob>) c -> c.getSpec().setSchedule(""),
                        "spec.schedule", Type.REQUIRED),
                arguments("bad schedule", (Consumer<CronJob>) c -> c.getSpec().setSchedule("error"),
                        "spec.schedule", Type.INVALID),
                arguments("TZ in schedule", (Consumer<CronJob>) c -> c.getSpec().setSchedule("TZ=UTC 0 * * * *"),
                        "spec.schedule", Type.INVALID),
                arguments("negative startingDeadlineSeconds", (Consumer<CronJob>) c ->
                        c.getSpec().setStartingDeadlineSeconds(-1L), "spec.startingDeadlineSeconds", Type.INVALID),
                arguments("bad concurrencyPolicy", (Consumer<CronJob>) c -> c.getSpec().setConcurrencyPolicy("Sometimes"),
                        "spec.concurrencyPolicy", Type.NOT_SUPPORTED),
                arguments("negative successful history", (Consumer<CronJob>) c ->
                        c.getSpec().setSuccessfulJobsHistoryLimit(-1), "spec.successfulJobsHistoryLimit", Type.INVALID),
                arguments("negative failed history", (Consumer<CronJob>) c ->
                        c.getSpec().setFailedJobsHistoryLimit(-1), "spec.failedJobsHistoryLimit", Type.INVALID),
                arguments("empty timeZone", (Consumer<CronJob>) c -> c.getSpec().setTimeZone(""),
                        "spec.timeZone", Type.INVALID),
                arguments("Local timeZone", (Consumer<CronJob>) c -> c.getSpec().setTimeZone("Local"),
                        "spec.timeZone", Type.INVALID),
                arguments("unknown timeZone", (Consumer<CronJob>) c -> c.getSpec().setTimeZone("America/New_Yrok"),
                        "spec.timeZone", Type.INVALID),
                arguments("bad timeZone chars", (Consumer<CronJob>) c -> c.getSpec().setTimeZone("../etc/passwd"),
                        "spec.timeZone", Type.INVALID),
                arguments("job template selector", (Consumer<CronJob>) c -> c.getSpec().getJobTemplate().getSpec()
                        .setSelector(new LabelSelector(null, Map.of("a", "b"))), "spec.jobTemplate.spec.selector", Type.INVALID),
                arguments("job template manualSelector", (Consumer<CronJob>) c -> c.getSpec().getJobTemplate().getSpec()
                        .setManualSelector(true), "spec.jobTemplate.spec.manualSelector", Type.NOT_SUPPORTED),
                arguments("job template restartPolicy", (Consumer<CronJob>) c -> c.getSpec().getJobTemplate().getSpec()
                        .getTemplate().getSpec().setRestartPolicy("Always"),
                        "spec.jobTemplate.spec.template.spec.restartPolicy", Type.REQUIRED),
                arguments("name too long", (Consumer<CronJob>) c -> c.getMetadata().setName("a".repeat(53)),
                        "metadata.name", Type.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidCronJobsAreRejected(String name, Consumer<CronJob> change, String field, Type type) {
        CronJob cj = valid();
        change.accept(cj);
        assertThat(StrategyHarness.create(strategy, cj)).extracting(FieldError::field, FieldError::type)
                .contains(Tuple.tuple(field, type));
    }

    @Test
    void validTimeZoneAndMessages() {
        CronJob ok = valid();
        ok.getSpec().setTimeZone("America/New_York");
        assertThat(StrategyHarness.create(strategy, ok)).isEmpty();
        CronJob bad = valid();
        bad.getSpec().setSchedule("61 * * * *");
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, bad)))
                .isEqualTo("spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61\n");
        CronJob tz = valid();
        tz.getSpec().setSchedule("TZ=UTC 0 * * * *");
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, tz))).isEqualTo(
                "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead\n");
    }

    @Test
    void longNamesAndLegacyTzScheduleStayUpdatable() {
        CronJob c = valid();
        c.getMetadata().setName("a".repeat(60));
        c.getSpec().setSchedule("TZ=UTC 0 * * * *");
        CronJob old = StrategyHarness.created(strategy, c);
        assertThat(StrategyHarness.update(strategy, old, n -> n.getSpec().setSuspend(true))).isEmpty();
        assertThat(StrategyHarness.update(strategy, old, n -> n.getSpec().setTimeZone("UTC")))
                .extracting(FieldError::field).containsExactly("spec.schedule");
    }

    @Test
    void tzSchedulesWarn() {
        CronJob c = valid();
        c.getSpec().setSchedule("CRON_TZ=UTC 0 * * * *");
        assertThat(strategy.warningsOnCreate(c)).contains("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }
}
