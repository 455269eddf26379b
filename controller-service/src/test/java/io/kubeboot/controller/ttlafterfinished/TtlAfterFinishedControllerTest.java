package io.kubeboot.controller.ttlafterfinished;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream's TestTimeLeft and needsCleanup cases: when a Job's TTL after finishing expires. */
class TtlAfterFinishedControllerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Job job(Integer ttl, String conditionType, String status, String finishedAt, boolean deleting) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("j").withNamespace("ns")
                .withDeletionTimestamp(deleting ? "2026-11-27T11:00:00Z" : null).endMetadata()
                .withNewSpec().withTtlSecondsAfterFinished(ttl).endSpec();
        if (conditionType != null) {
            b.withNewStatus().withConditions(new JobConditionBuilder().withType(conditionType).withStatus(status)
                    .withLastTransitionTime(finishedAt).build()).endStatus();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, job, expired, remaining (when not expired and due later)
                Arguments.of("no TTL", job(null, "Complete", "True", "2026-11-27T11:59:00Z", false), false, null),
                Arguments.of("not finished", job(10, null, null, null, false), false, null),
                Arguments.of("condition not True", job(10, "Complete", "False", "2026-11-27T11:59:00Z", false), false, null),
                Arguments.of("being deleted", job(0, "Complete", "True", "2026-11-27T11:00:00Z", true), false, null),
                Arguments.of("complete, TTL not expired", job(100, "Complete", "True", "2026-11-27T11:59:50Z", false),
                        false, Duration.ofSeconds(90)),
                Arguments.of("failed, TTL not expired", job(100, "Failed", "True", "2026-11-27T11:59:50Z", false),
                        false, Duration.ofSeconds(90)),
                Arguments.of("complete, TTL expired", job(10, "Complete", "True", "2026-11-27T11:59:00Z", false), true, null),
                Arguments.of("failed, TTL expired", job(10, "Failed", "True", "2026-11-27T11:59:00Z", false), true, null),
                Arguments.of("TTL 0 expires at the finish", job(0, "Complete", "True", "2026-11-27T12:00:00Z", false), true, null),
                Arguments.of("finished in the future (skew): deferred", job(0, "Complete", "True", "2026-11-27T12:00:05Z", false),
                        false, Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ttl(String name, Job job, boolean expired, Duration remaining) {
        TtlAfterFinishedController.Ttl ttl = TtlAfterFinishedController.ttl(job, NOW);
        assertThat(ttl.expired()).isEqualTo(expired);
        assertThat(ttl.remaining()).isEqualTo(Optional.ofNullable(remaining));
        if (expired) {
            String finishedAt = job.getStatus().getConditions().get(0).getLastTransitionTime();
            assertThat(ttl.expiredAt()).contains(Instant.parse(finishedAt).plusSeconds(job.getSpec().getTtlSecondsAfterFinished()));
            assertThat(ttl.recheck().getRequeueAfter()).isEmpty();
        } else if (remaining != null) {
            assertThat(ttl.recheck().getRequeueAfter()).contains(remaining);
        } else {
            assertThat(ttl.recheck().getRequeueAfter()).isEmpty();
            assertThat(ttl.recheck().isRequeue()).isFalse();
        }
    }

    @ParameterizedTest(name = "finished without a time: {0}")
    @MethodSource("missingTimes")
    void aFinishedJobWithoutFinishTimeIsAnError(String lastTransitionTime) {
        Job job = job(10, "Complete", "True", lastTransitionTime, false);
        assertThatThrownBy(() -> TtlAfterFinishedController.ttl(job, NOW)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unable to find the time when the Job ns/j finished");
    }

    static Stream<String> missingTimes() {
        return Stream.of(null, "");
    }
}
