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

/** Cases of upstream TestPrintCronJob and TestPrintCronJobList (wide). */
class CronJobTableTest {
    private static final String JOB_TEMPLATE = "'jobTemplate':{'spec':{'completions':2,'template':{'spec':{'containers':["
            + "{'name':'fake-job-container1','image':'fake-job-image1'},{'name':'fake-job-container2','image':'fake-job-image2'}]}},"
            + "'selector':{'matchLabels':{'a':'b'}}}}";
    private static final String ALMOST_NOW = NOW.plusMillis(1900).toString();

    static Stream<Arguments> printCronJob() {
        return Stream.of(
                arguments("basic",
                        "{'metadata':{'name':'cronjob1'," + CREATED_ALMOST_NOW + "},'spec':{'schedule':'0/5 * * * ?','suspend':false,"
                                + JOB_TEMPLATE + "},'status':{'lastScheduleTime':'" + ALMOST_NOW + "'}}",
                        List.of("cronjob1", "0/5 * * * ?", "<none>", "False", 0L, "0s", "0s",
                                "fake-job-container1,fake-job-container2", "fake-job-image1,fake-job-image2", "a=b")),
                arguments("time zone",
                        "{'metadata':{'name':'cronjob1'," + CREATED_ALMOST_NOW + "},'spec':{'schedule':'0/5 * * * ?','timeZone':'LOCAL',"
                                + "'suspend':false," + JOB_TEMPLATE + "},'status':{'lastScheduleTime':'" + ALMOST_NOW + "'}}",
                        List.of("cronjob1", "0/5 * * * ?", "LOCAL", "False", 0L, "0s", "0s",
                                "fake-job-container1,fake-job-container2", "fake-job-image1,fake-job-image2", "a=b")),
                arguments("last schedule and age",
                        "{'metadata':{'name':'cronjob2'," + created(Duration.ofMinutes(5)) + "},'spec':{'schedule':'0/5 * * * ?',"
                                + "'suspend':false},'status':{'lastScheduleTime':'" + ago(Duration.ofSeconds(30)) + "'}}",
                        List.of("cronjob2", "0/5 * * * ?", "<none>", "False", 0L, "30s", "5m", "", "", "<none>")),
                arguments("never scheduled",
                        "{'metadata':{'name':'cronjob3'," + created(Duration.ofMinutes(5)) + "},'spec':{'schedule':'0/5 * * * ?',"
                                + "'suspend':false},'status':{}}",
                        List.of("cronjob3", "0/5 * * * ?", "<none>", "False", 0L, "<none>", "5m", "", "", "<none>")),
                arguments("list item scheduled 20m ago",
                        "{'metadata':{'name':'cronjob2'," + CREATED_ALMOST_NOW + "},'spec':{'schedule':'4/5 1 1 1 ?','suspend':false,"
                                + "'jobTemplate':{'spec':{'completions':2,'selector':{'matchLabels':{'a':'b'}}}}},"
                                + "'status':{'lastScheduleTime':'" + ago(Duration.ofMinutes(20)) + "'}}",
                        List.of("cronjob2", "4/5 1 1 1 ?", "<none>", "False", 0L, "20m", "0s", "", "", "a=b")),
                arguments("suspended with two active jobs",
                        "{'metadata':{'name':'nightly'},'spec':{'schedule':'@daily','suspend':true},"
                                + "'status':{'active':[{'name':'a'},{'name':'b'}]}}",
                        List.of("nightly", "@daily", "<none>", "True", 2L, "<none>", "<unknown>", "", "", "<none>")),
                arguments("suspend unset",
                        "{'metadata':{'name':'raw'},'spec':{'schedule':'* * * * *'}}",
                        List.of("raw", "* * * * *", "<none>", "<unset>", 0L, "<none>", "<unknown>", "", "", "<none>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printCronJob(String name, String cronJob, List<Object> expected) {
        assertThat(new CronJobTable().cells(json(cronJob), NOW)).containsExactlyElementsOf(expected);
    }
}
