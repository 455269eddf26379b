package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ported from upstream job_controller_test.go TestEnsureJobConditions. */
class JobConditionsTest {
    private static final Instant NOW = Instant.parse("2023-01-01T10:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "nil", value = {
            // name | existing (type:status:reason) | wanted type | status | reason | changed | resulting size | resulting status
            "append true condition           | nil                  | Suspended | True  | JobSuspended | true  | 1 | True",
            "append false condition          | nil                  | Suspended | False | nil          | false | 0 | nil",
            "update true condition reason    | Suspended:True:Old   | Suspended | True  | JobSuspended | true  | 1 | True",
            "update true condition status    | Suspended:True:JobSuspended | Suspended | False | JobResumed | true | 1 | False",
            "update false condition status   | Suspended:False:JobResumed  | Suspended | True  | JobSuspended | true | 1 | True",
            "condition already exists        | Suspended:True:JobSuspended | Suspended | True  | JobSuspended | false | 1 | True",
    })
    void ensure(String name, String existing, String type, String status, String reason, boolean changed, int size, String resulting) {
        List<JobCondition> list = new ArrayList<>();
        if (existing != null) {
            String[] f = existing.split(":");
            list.add(JobConditions.newCondition(f[0], f[1], f[2], "", EARLIER));
        }
        JobConditions.Ensured e = JobConditions.ensure(list, type, status, reason, "", NOW);
        assertThat(e.changed()).isEqualTo(changed);
        assertThat(e.conditions()).hasSize(size);
        if (size > 0) {
            JobCondition c = e.conditions().get(0);
            assertThat(c.getStatus()).isEqualTo(resulting);
            // a changed condition gets new probe and transition times
            String expectedTime = (changed ? NOW : EARLIER).toString();
            assertThat(c.getLastTransitionTime()).isEqualTo(expectedTime);
            assertThat(c.getLastProbeTime()).isEqualTo(expectedTime);
        }
        assertThat(list).hasSize(existing == null ? 0 : 1);
    }
}
