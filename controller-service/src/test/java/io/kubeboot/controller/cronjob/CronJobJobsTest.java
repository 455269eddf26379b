package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ported from upstream utils_test.go (TestGetJobFromTemplate2, TestByJobStartTime) and getJobName. */
class CronJobJobsTest {
    private static CronJob cj(String timeZone) {
        return new CronJobBuilder().withNewMetadata().withName("mycronjob").withNamespace("snazzycats").withUid("1a2b3c").endMetadata()
                .withNewSpec().withSchedule("* * * * ?").withTimeZone(timeZone)
                .withNewJobTemplate().withNewMetadata().withLabels(Map.of("a", "b")).withAnnotations(Map.of("x", "y")).endMetadata()
                .withNewSpec().withActiveDeadlineSeconds(15L).withNewTemplate().withNewSpec()
                .addNewContainer().withImage("foo/bar").endContainer().endSpec().endTemplate().endSpec()
                .endJobTemplate().endSpec().build();
    }

    @Test
    void jobFromTemplateCarriesNameLabelsAnnotationsOwnerAndSpec() {
        Instant scheduled = Instant.parse("2021-05-19T10:00:00Z");
        Job job = CronJobJobs.jobFromTemplate(cj(null), scheduled);
        assertThat(job.getMetadata().getName()).isEqualTo("mycronjob-" + scheduled.getEpochSecond() / 60);
        assertThat(job.getMetadata().getLabels()).containsExactlyEntriesOf(Map.of("a", "b"));
        assertThat(job.getMetadata().getAnnotations()).containsEntry("x", "y")
                .containsEntry(CronJobJobs.SCHEDULED_TIMESTAMP_ANNOTATION, "2021-05-19T10:00:00Z");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo("CronJob");
            assertThat(r.getApiVersion()).isEqualTo("batch/v1");
            assertThat(r.getUid()).isEqualTo("1a2b3c");
            assertThat(r.getController()).isTrue();
        });
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(15L);
    }

    @Test
    void scheduledTimestampIsWrittenInTheTimeZone() {
        Job job = CronJobJobs.jobFromTemplate(cj("America/New_York"), Instant.parse("2021-05-19T10:00:00Z"));
        assertThat(job.getMetadata().getAnnotations()).containsEntry(CronJobJobs.SCHEDULED_TIMESTAMP_ANNOTATION, "2021-05-19T06:00:00-04:00");
    }

    private static Job job(String name, String start) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withStartTime(start).endStatus().build();
    }

    @Test
    void byStartTimeSortsStartedFirstThenEarliestThenByName() {
        List<Job> jobs = new ArrayList<>(List.of(job("e", null), job("c", "2021-01-01T00:00:02Z"), job("b", "2021-01-01T00:00:01Z"),
                job("a", "2021-01-01T00:00:02Z"), job("d", null)));
        jobs.sort(CronJobJobs.BY_START_TIME);
        assertThat(jobs).extracting(j -> j.getMetadata().getName()).containsExactly("b", "a", "c", "d", "e");
    }
}
