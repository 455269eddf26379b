package io.kubeboot.node.proxy;

import io.kubeboot.node.network.CommandRunner;
import io.kubeboot.node.network.Ipv4Cidr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCidrRouteTest {
    @ParameterizedTest(name = "exit {0}, \"{1}\" -> in place: {2}")
    @CsvSource(delimiter = '|', value = {
            "0 | '' | true",
            "2 | RTNETLINK answers: File exists | true",
            "2 | RTNETLINK answers: Operation not permitted | false",
    })
    void addsTheUnreachableRouteOnceAndReportsWhetherItIsInPlace(int exit, String output, boolean inPlace) {
        List<List<String>> ran = new ArrayList<>();
        CommandRunner scripted = command -> {
            ran.add(command);
            return new CommandRunner.Result(exit, output);
        };
        boolean ok = new ServiceCidrRoute(scripted, Ipv4Cidr.parse("10.96.0.0/12")).ensure();
        assertThat(ok).isEqualTo(inPlace);
        assertThat(ran).containsExactly(List.of("ip", "route", "add", "unreachable", "10.96.0.0/12"));
    }

    @ParameterizedTest(name = "a runner that cannot start -> not in place")
    @CsvSource("ip")
    void missingIpCommandIsNotFatal(String binary) {
        CommandRunner missing = command -> {
            throw new java.io.IOException("Cannot run program \"" + binary + "\"");
        };
        assertThat(new ServiceCidrRoute(missing, Ipv4Cidr.parse("10.96.0.0/12")).ensure()).isFalse();
    }
}
