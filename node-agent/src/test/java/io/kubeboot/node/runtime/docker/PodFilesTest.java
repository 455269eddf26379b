package io.kubeboot.node.runtime.docker;

import io.kubeboot.node.runtime.SandboxSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases after upstream's TestManagedHostsFileContent, TestNodeHostsFileContent and the dockershim's resolv.conf rewrite. */
class PodFilesTest {
    private static final String BOILERPLATE = """
            # Kubernetes-managed hosts file.
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            fe00::0\tip6-mcastprefix
            fe00::1\tip6-allnodes
            fe00::2\tip6-allrouters
            """;

    private static Map<String, List<String>> aliases(Object... ipThenNames) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < ipThenNames.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) ipThenNames[i + 1];
            map.put((String) ipThenNames[i], names);
        }
        return map;
    }

    static Stream<Arguments> managed() {
        return Stream.of(
                Arguments.of("123.45.67.89", "podFoo", null, aliases(), BOILERPLATE + "123.45.67.89\tpodFoo\n"),
                Arguments.of("203.0.113.1", "podFoo", "domainFoo", aliases(),
                        BOILERPLATE + "203.0.113.1\tpodFoo.domainFoo\tpodFoo\n"),
                Arguments.of("123.45.67.89", "podFoo", null, aliases("123.45.67.89", List.of("foo", "bar", "baz")),
                        BOILERPLATE + "123.45.67.89\tpodFoo\n\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n"),
                Arguments.of("203.0.113.1", "podFoo", "domainFoo",
                        aliases("123.45.67.89", List.of("foo", "bar", "baz"), "456.78.90.123", List.of("park", "doo", "boo")),
                        BOILERPLATE + "203.0.113.1\tpodFoo.domainFoo\tpodFoo\n\n# Entries added by HostAliases.\n"
                                + "123.45.67.89\tfoo\tbar\tbaz\n456.78.90.123\tpark\tdoo\tboo\n"),
                Arguments.of(null, "podFoo", null, aliases(), BOILERPLATE));
    }

    @ParameterizedTest
    @MethodSource("managed")
    void managedHosts(String ip, String hostname, String domain, Map<String, List<String>> aliases, String expected) {
        assertThat(PodFiles.managedHosts(ip, hostname, domain, aliases)).isEqualTo(expected);
    }

    static Stream<Arguments> node() {
        String nodeFile = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
        return Stream.of(
                Arguments.of(nodeFile, aliases(), nodeFile),
                Arguments.of(nodeFile, aliases("123.45.67.89", List.of("foo", "bar", "baz")),
                        nodeFile + "\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n"),
                Arguments.of("127.0.0.1\tlocalhost", aliases("1.2.3.4", List.of("a")),
                        "127.0.0.1\tlocalhost\n\n# Entries added by HostAliases.\n1.2.3.4\ta\n"));
    }

    @ParameterizedTest
    @MethodSource("node")
    void nodeHosts(String nodeFile, Map<String, List<String>> aliases, String expected) {
        assertThat(PodFiles.nodeHosts(nodeFile, aliases)).isEqualTo(expected);
    }

    static Stream<Arguments> resolv() {
        return Stream.of(
                Arguments.of(List.of("10.96.0.10"), List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"),
                        List.of("ndots:5"),
                        "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n"),
                Arguments.of(List.of("1.2.3.4", "5.6.7.8"), List.of(), List.of(), "nameserver 1.2.3.4\nnameserver 5.6.7.8\n"),
                Arguments.of(List.of(), List.of("a.b"), List.of("ndots:2", "timeout:1"), "search a.b\noptions ndots:2 timeout:1\n"),
                Arguments.of(List.of(), List.of(), List.of(), ""));
    }

    @ParameterizedTest
    @MethodSource("resolv")
    void resolvConf(List<String> servers, List<String> searches, List<String> options, String expected) {
        assertThat(PodFiles.resolvConf(new SandboxSpec.DnsConfig(servers, searches, options))).isEqualTo(expected);
    }
}
