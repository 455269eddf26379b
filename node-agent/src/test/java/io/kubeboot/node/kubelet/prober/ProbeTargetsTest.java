package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream probe util_test TestResolveContainerPort, and the network safety rule for hosts. */
class ProbeTargetsTest {
    private static final Container CONTAINER = new ContainerBuilder().withName("c")
            .addNewPort().withName("foo").withContainerPort(80).endPort()
            .addNewPort().withName("bar").withContainerPort(8080).endPort().build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            int port                     | 80      | null | 80   | null
            named port                   | null    | foo  | 80   | null
            other named port             | null    | bar  | 8080 | null
            number written as a string   | null    | 8081 | 8081 | null
            unknown name                 | null    | baz  | 0    | strconv.Atoi: parsing "baz": invalid syntax
            zero                         | 0       | null | 0    | invalid port number: 0
            too large                    | 65536   | null | 0    | invalid port number: 65536
            """)
    void resolvesPorts(String name, Integer intVal, String strVal, int expected, String error) {
        IntOrString port = intVal != null ? new IntOrString(intVal) : new IntOrString(strVal);
        if (error == null) {
            assertThat(ProbeTargets.resolvePort(port, CONTAINER)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> ProbeTargets.resolvePort(port, CONTAINER)).isInstanceOf(ProbeException.class).hasMessage(error);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            no host: the pod IP                 | null        | 10.244.1.5 | false | 10.244.1.5
            empty host: the pod IP              | ''          | 10.244.1.5 | false | 10.244.1.5
            host is the pod IP                  | 10.244.1.5  | 10.244.1.5 | false | 10.244.1.5
            loopback of a hostNetwork pod       | 127.0.0.1   | 10.0.0.1   | true  | 127.0.0.1
            localhost of a hostNetwork pod      | localhost   | 10.0.0.1   | true  | localhost
            loopback when the pod IP is loopback| 127.0.0.2   | 127.0.0.1  | false | 127.0.0.2
            loopback of a pod-network pod       | 127.0.0.1   | 10.244.1.5 | false | null
            another machine                     | 192.0.2.10  | 10.244.1.5 | false | null
            another machine, hostNetwork        | 192.0.2.10  | 10.0.0.1   | true  | null
            a DNS name                          | example.com | 10.244.1.5 | true  | null
            """)
    void hosts(String name, String host, String podIp, boolean hostNetwork, String expected) {
        if (expected != null) {
            assertThat(ProbeTargets.host(host, List.of(podIp), hostNetwork)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> ProbeTargets.host(host, List.of(podIp), hostNetwork))
                    .isInstanceOf(ProbeTargets.RefusedHostException.class)
                    .hasMessage("host \"" + host + "\" is neither the pod's IP (" + podIp
                            + ") nor the pod's loopback: not contacted (network safety: probes and hooks reach only the pod)");
        }
    }
}
