package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.ago;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintJob and TestPrintJobList (wide), plus parallel jobs. */
class JobTableTest {
    private static final String TEMPLATE = "'template':{'spec':{'containers':[{'name':'fake-job-container1','image':'fake-job-image1'},"
            + "{'name':'fake-job-container2','image':'fake-job-image2'}]}}";
    private static final String TEN_YEARS = created(Duration.ofDays(10 * 365));
    private static final String WIDE_NONE = "<none>";

    private static String job(String name, String created, String spec, String status) {
        return "{'metadata':{'name':'" + name + "'," + created + "},'spec':" + spec + ",'status':" + status + "}";
    }

    private static String condition(String type) {
        return "{'succeeded':0,'conditions':[{'type':'" + type + "','status':'True'}]}";
    }

    static Stream<Arguments> printJob() {
        return Stream.of(
                arguments("running, completions set",
                        job("job1", CREATED_ALMOST_NOW, "{'completions':2," + TEMPLATE
                                + ",'selector':{'matchLabels':{'job-label':'job-label-value'}}}", "{'succeeded':1}"),
                        List.of("job1", "Running", "1/2", "", "0s", "fake-job-container1,fake-job-container2",
                                "fake-job-image1,fake-job-image2", "job-label=job-label-value")),
                arguments("ten years old",
                        job("job2", TEN_YEARS, "{}", "{'succeeded':0}"),
                        List.of("job2", "Running", "0/1", "", "10y", "", "", WIDE_NONE)),
                arguments("completed: start to completion",
                        job("job3", TEN_YEARS, "{}", "{'succeeded':0,'startTime':'" + ago(Duration.ofMinutes(-1))
                                + "','completionTime':'" + ago(Duration.ofMinutes(-31)) + "'}"),
                        List.of("job3", "Running", "0/1", "30m", "10y", "", "", WIDE_NONE)),
                arguments("unfinished: start to now",
                        job("job4", TEN_YEARS, "{}", "{'succeeded':0,'startTime':'" + ago(Duration.ofMinutes(20)) + "'}"),
                        List.of("job4", "Running", "0/1", "20m", "10y", "", "", WIDE_NONE)),
                arguments("complete", job("job5", CREATED_ALMOST_NOW, "{}", condition("Complete")),
                        List.of("job5", "Complete", "0/1", "", "0s", "", "", WIDE_NONE)),
                arguments("failed", job("job6", CREATED_ALMOST_NOW, "{}", condition("Failed")),
                        List.of("job6", "Failed", "0/1", "", "0s", "", "", WIDE_NONE)),
                arguments("suspended", job("job7", CREATED_ALMOST_NOW, "{}", condition("Suspended")),
                        List.of("job7", "Suspended", "0/1", "", "0s", "", "", WIDE_NONE)),
                arguments("failure target", job("job8", CREATED_ALMOST_NOW, "{}", condition("FailureTarget")),
                        List.of("job8", "FailureTarget", "0/1", "", "0s", "", "", WIDE_NONE)),
                arguments("being deleted",
                        "{'metadata':{'name':'job9'," + CREATED_ALMOST_NOW + ",'deletionTimestamp':'" + NOW + "'},'spec':{}}",
                        List.of("job9", "Terminating", "0/1", "", "0s", "", "", WIDE_NONE)),
                arguments("list item with start time",
                        job("job2", CREATED_ALMOST_NOW, "{'completions':2}", "{'succeeded':2,'startTime':'"
                                + ago(Duration.ofMinutes(20)) + "'}"),
                        List.of("job2", "Running", "2/2", "20m", "0s", "", "", WIDE_NONE)),
                arguments("parallel without completions",
                        job("par", CREATED_ALMOST_NOW, "{'parallelism':3}", "{'succeeded':1}"),
                        List.of("par", "Running", "1/1 of 3", "", "0s", "", "", WIDE_NONE)),
                arguments("complete wins over a false failed condition listed first",
                        job("c", CREATED_ALMOST_NOW, "{'completions':1}", "{'succeeded':1,'conditions':["
                                + "{'type':'Failed','status':'False'},{'type':'Complete','status':'True'}]}"),
                        List.of("c", "Complete", "1/1", "", "0s", "", "", WIDE_NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printJob(String name, String job, List<Object> expected) {
        assertThat(new JobTable().cells(json(job), NOW)).containsExactlyElementsOf(expected);
    }
}
