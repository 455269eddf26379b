package io.kubeboot.bench.nodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestCountsTest {
    private static final String BEFORE = """
            # HELP apiserver_request_total Counter of apiserver requests
            # TYPE apiserver_request_total counter
            apiserver_request_total{application="apiserver",code="200",component="apiserver",group="coordination.k8s.io",resource="leases",scope="resource",subresource="",verb="PUT",version="v1"} 100.0
            apiserver_request_total{application="apiserver",code="409",component="apiserver",group="coordination.k8s.io",resource="leases",scope="resource",subresource="",verb="PUT",version="v1"} 2.0
            apiserver_request_total{application="apiserver",code="200",component="apiserver",group="",resource="nodes",scope="resource",subresource="",verb="GET",version="v1"} 50.0
            apiserver_request_total{application="apiserver",code="200",component="apiserver",group="",resource="",scope="",subresource="",verb="GET",version=""} 3.0
            apiserver_request_duration_seconds_count{verb="PUT",resource="leases"} 102.0
            """;
    private static final String AFTER = BEFORE
            .replace("verb=\"PUT\",version=\"v1\"} 100.0", "verb=\"PUT\",version=\"v1\"} 700.0")
            .replace("verb=\"GET\",version=\"v1\"} 50.0", "verb=\"GET\",version=\"v1\"} 350.0")
            + "apiserver_request_total{application=\"apiserver\",code=\"200\",component=\"apiserver\",group=\"\",resource=\"nodes\",scope=\"resource\",subresource=\"status\",verb=\"PATCH\",version=\"v1\"} 4.0\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "verb=\"PUT\",resource=\"leases\",subresource=\"\" | PUT leases",
            "resource=\"nodes\",subresource=\"status\",verb=\"PATCH\" | PATCH nodes/status",
            "resource=\"\",subresource=\"\",verb=\"GET\" | GET (non-resource)",
            // a label whose name ends in "verb" must not be taken for verb
            "xverb=\"NO\",verb=\"LIST\",resource=\"pods\" | LIST pods",
    })
    void keysByVerbResourceAndSubresource(String labels, String key) {
        assertThat(RequestCounts.key(labels)).isEqualTo(key);
    }

    @Test
    void differenceSumsCodesAndListsLargestFirst() {
        List<Map.Entry<String, Double>> diff = RequestCounts.parse(AFTER).since(RequestCounts.parse(BEFORE));

        assertThat(diff).containsExactly(Map.entry("PUT leases", 600.0), Map.entry("GET nodes", 300.0),
                Map.entry("PATCH nodes/status", 4.0));
    }

    @Test
    void linesGiveTotalAndRates() {
        List<String> lines = RequestCounts.parse(AFTER).lines(RequestCounts.parse(BEFORE), 10.0, 2);

        assertThat(lines).containsExactly("- all: 904 requests, 90.4/s", "- PUT leases: 600, 60.0/s", "- GET nodes: 300, 30.0/s");
    }

    @Test
    void unreadableMetricsAreEmpty() {
        assertThat(RequestCounts.parse("").isEmpty()).isTrue();
        assertThat(RequestCounts.parse(BEFORE).isEmpty()).isFalse();
    }
}
