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

/** Cases of upstream TestPrintEndpointSlice, plus unnamed / unnumbered ports and empty slices. */
class EndpointSliceTableTest {
    private final EndpointSliceTable table = new EndpointSliceTable();

    static Stream<Arguments> printEndpointSlice() {
        return Stream.of(
                arguments("one port, two addresses",
                        "{'metadata':{'name':'abcslice.123'," + CREATED_ALMOST_NOW + "},'addressType':'IPv4',"
                                + "'ports':[{'name':'http','port':80,'protocol':'TCP'}],"
                                + "'endpoints':[{'addresses':['10.1.2.3','2001:db8::1234:5678']}]}",
                        List.of("abcslice.123", "IPv4", "80", "10.1.2.3,2001:db8::1234:5678", "0s")),
                arguments("addresses over several endpoints, more than three",
                        "{'metadata':{'name':'longerslicename.123'," + created(Duration.ofMinutes(5)) + "},'addressType':'IPv6',"
                                + "'ports':[{'name':'http','port':80,'protocol':'TCP'},{'name':'https','port':443,'protocol':'TCP'}],"
                                + "'endpoints':[{'addresses':['10.1.2.3','2001:db8::1234:5678']},"
                                + "{'addresses':['10.2.3.4','2001:db8::2345:6789']}]}",
                        List.of("longerslicename.123", "IPv6", "80,443", "10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...", "5m")),
                arguments("more than three ports",
                        "{'metadata':{'name':'multiportslice.123'," + created(Duration.ofMinutes(5)) + "},'addressType':'IPv4',"
                                + "'ports':[{'name':'http','port':80},{'name':'https','port':443},{'name':'extra1','port':3000},"
                                + "{'name':'extra2','port':3001}],"
                                + "'endpoints':[{'addresses':['10.1.2.3','2001:db8::1234:5678']},"
                                + "{'addresses':['10.2.3.4','2001:db8::2345:6789']}]}",
                        List.of("multiportslice.123", "IPv4", "80,443,3000 + 1 more...",
                                "10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...", "5m")),
                arguments("port without number shows its name, without either a star",
                        "{'metadata':{'name':'s'},'addressType':'IPv4','ports':[{'name':'dns'},{}],'endpoints':[]}",
                        List.of("s", "IPv4", "dns,*", "<unset>", "<unknown>")),
                arguments("empty slice",
                        "{'metadata':{'name':'empty'},'addressType':'IPv4'}",
                        List.of("empty", "IPv4", "<unset>", "<unset>", "<unknown>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void printEndpointSlice(String name, String slice, List<Object> expected) {
        assertThat(table.cells(json(slice), NOW)).containsExactlyElementsOf(expected);
    }
}
