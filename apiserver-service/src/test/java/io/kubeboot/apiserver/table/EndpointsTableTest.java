package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintEndpoint, plus multi-port, IPv6 and headless subsets. */
class EndpointsTableTest {
    private final EndpointsTable table = new EndpointsTable();

    static Stream<Arguments> printEndpoints() {
        return Stream.of(
                arguments("no subsets",
                        "{'metadata':{'name':'endpoint1'," + CREATED_ALMOST_NOW + "}}",
                        List.of("endpoint1", "<none>", "0s")),
                arguments("addresses without ports",
                        "{'metadata':{'name':'endpoint3'," + created(Duration.ofMinutes(5)) + "},"
                                + "'subsets':[{'addresses':[{'ip':'1.2.3.4'},{'ip':'5.6.7.8'}]}]}",
                        List.of("endpoint3", "1.2.3.4,5.6.7.8", "5m")),
                arguments("two IPs and one port",
                        "{'metadata':{'name':'endpoint2'," + CREATED_ALMOST_NOW + "},"
                                + "'subsets':[{'addresses':[{'ip':'1.2.3.4'},{'ip':'5.6.7.8'}],'ports':[{'port':8001,'protocol':'tcp'}]}]}",
                        List.of("endpoint2", "1.2.3.4:8001,5.6.7.8:8001", "0s")),
                arguments("more than three",
                        "{'metadata':{'name':'endpoint2'," + CREATED_ALMOST_NOW + "},"
                                + "'subsets':[{'addresses':[{'ip':'1.2.3.4'},{'ip':'5.6.7.8'},{'ip':'9.8.7.6'},{'ip':'6.6.6.6'}],"
                                + "'ports':[{'port':8001,'protocol':'tcp'}]}]}",
                        List.of("endpoint2", "1.2.3.4:8001,5.6.7.8:8001,9.8.7.6:8001 + 1 more...", "0s")),
                arguments("every address per port, counted across subsets",
                        "{'metadata':{'name':'multi'},"
                                + "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],'ports':[{'port':80},{'port':443}]},"
                                + "{'addresses':[{'ip':'10.0.0.3'}],'ports':[{'port':80}]}]}",
                        List.of("multi", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...", "<unknown>")),
                arguments("IPv6 addresses are bracketed",
                        "{'metadata':{'name':'v6'},'subsets':[{'addresses':[{'ip':'fd00::1'}],'ports':[{'port':53}]}]}",
                        List.of("v6", "[fd00::1]:53", "<unknown>")),
                arguments("only not-ready addresses",
                        "{'metadata':{'name':'nr'},'subsets':[{'notReadyAddresses':[{'ip':'10.0.0.9'}],'ports':[{'port':80}]}]}",
                        List.of("nr", "", "<unknown>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printEndpoints(String name, String endpoints, List<Object> expected) {
        assertThat(table.cells(json(endpoints), NOW)).containsExactlyElementsOf(expected);
    }
}
