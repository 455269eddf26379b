package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ported from upstream indexed_job_utils_test.go: TestParseIndexesFromString, TestCalculateSucceededIndexes,
 * TestFirstPendingIndexes, TestPodGenerateNameWithIndex.
 */
class OrderedIntervalsTest {
    @ParameterizedTest(name = "\"{0}\" of {1} -> \"{2}\" ({3})")
    @CsvSource(delimiter = '|', value = {
            "''           | 6  | ''        | 0",
            "1            | 6  | 1         | 1",
            "1,3,5        | 6  | 1,3,5     | 3",
            "1-4          | 6  | 1-4       | 4",
            "1-3,5        | 6  | 1-3,5     | 4",
            "1-3,4-5      | 6  | 1-5       | 5",
            "0,1          | 6  | 0,1       | 2",
            "1-3,5,7-8    | 6  | 1-3,5     | 4",
            "1-10         | 6  | 1-5       | 5",
            "x,2,4-y,5    | 6  | 2,5       | 2",
    })
    void parsesAndPrints(String s, int completions, String expected, int total) {
        OrderedIntervals oi = OrderedIntervals.parse(s, completions);
        assertThat(oi.toString()).isEqualTo(expected);
        assertThat(oi.total()).isEqualTo(total);
    }

    @ParameterizedTest(name = "\"{0}\" + {1} -> \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "''     | 0,2,4 | 0,2,4",
            "1      | 0,2   | 0-2",
            "2-3    | 0,4   | 0,2-4",
            "0,5    | 2     | 0,2,5",
            "1-3    | 2     | 1-3",
            "0-2,8  | 4,5,6 | 0-2,4-6,8",
            "3      | ''    | 3",
    })
    void withOrderedIndexes(String prev, String add, String expected) {
        List<Integer> ix = add.isEmpty() ? List.of() : Arrays.stream(add.split(",")).map(Integer::parseInt).toList();
        assertThat(OrderedIntervals.parse(prev, 100).withOrderedIndexes(ix).toString()).isEqualTo(expected);
    }

    private static Pod pod(int index, String phase, boolean finalizer) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p" + index + phase).withUid("uid-" + index + phase)
                .addToAnnotations(JobPods.COMPLETION_INDEX_ANNOTATION, Integer.toString(index)).endMetadata()
                .withNewStatus().withPhase(phase).endStatus();
        if (finalizer) {
            b.editMetadata().addToFinalizers(JobPods.TRACKING_FINALIZER).endMetadata();
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | completedIndexes | pods (index:phase:finalizer) | completions | prev | expected
            "nothing                | ''    | ''                                            | 4 | ''    | ''",
            "new succeeded pods     | ''    | 0:Succeeded:true,2:Succeeded:true,3:Running:true | 4 | ''  | 0,2",
            "counted ones kept      | 1     | 0:Succeeded:true,3:Succeeded:true                | 4 | 1   | 0,1,3",
            "no finalizer: counted already | 1 | 2:Succeeded:false                          | 4 | 1   | 1",
            "beyond completions     | 0-2   | 3:Succeeded:true,5:Succeeded:true                | 4 | 0-2 | 0-3",
    })
    void succeededIndexes(String name, String completed, String podSpecs, int completions, String prev, String expected) {
        Job job = new JobBuilder().withNewSpec().withCompletions(completions).withCompletionMode("Indexed").endSpec()
                .withNewStatus().withCompletedIndexes(completed).endStatus().build();
        List<Pod> pods = new ArrayList<>();
        for (String p : podSpecs.isEmpty() ? new String[0] : podSpecs.split(",")) {
            String[] f = p.split(":");
            pods.add(pod(Integer.parseInt(f[0]), f[1], Boolean.parseBoolean(f[2])));
        }
        OrderedIntervals[] r = JobPods.succeededIndexes(job, pods);
        assertThat(r[0].toString()).isEqualTo(prev);
        assertThat(r[1].toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | active indexes | succeeded | count | completions | expected
            "cnt greater than completions | ''    | ''      | 5 | 3  | 0,1,2",
            "cnt less than completions    | ''    | ''      | 2 | 5  | 0,1",
            "first pods active            | 0,1   | ''      | 3 | 10 | 2,3,4",
            "last pods active or succeeded| 6,8   | 4-5,7,9 | 6 | 10 | 0,1,2,3",
            "mixed                        | 3,5,7 | 0-2,4,6 | 5 | 20 | 8,9,10,11,12",
            "all done                     | 0     | 1-3     | 2 | 4  | ''",
    })
    void firstPendingIndexes(String name, String active, String succeeded, int count, int completions, String expected) {
        List<Pod> activePods = new ArrayList<>();
        for (String a : active.isEmpty() ? new String[0] : active.split(",")) {
            activePods.add(pod(Integer.parseInt(a), "Running", true));
        }
        List<Integer> got = JobPods.firstPendingIndexes(activePods, OrderedIntervals.parse(succeeded, completions), count, completions);
        assertThat(got).containsExactlyElementsOf(expected.isEmpty() ? List.of()
                : Arrays.stream(expected.split(",")).map(Integer::parseInt).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "indexed-job, 1, indexed-job-1-",
            "hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooo, 1, hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhh-1-",
            "hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhoo, 1, hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhh-1-",
    })
    void generateNameWithIndex(String job, int index, String expected) {
        assertThat(JobPods.generateNameWithIndex(job, index)).isEqualTo(expected).hasSizeLessThanOrEqualTo(58);
    }
}
