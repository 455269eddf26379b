package io.kubeboot.node.kubelet.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.runtime.SandboxSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream dns_test.go (GetPodDNS, GetPodDNSCustom, GetPodDNSType, limits, mergeDNSOptions) and the hostname rules. */
class KubeletDnsConfigurerTest {
    private static Pod pod(String ns, String policy, boolean hostNetwork, PodDNSConfig dnsConfig) {
        return new PodBuilder().withNewMetadata().withName("test_pod").withNamespace(ns).endMetadata()
                .withNewSpec().withDnsPolicy(policy).withHostNetwork(hostNetwork).withDnsConfig(dnsConfig).endSpec().build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ClusterFirst without hostnetwork                 | ClusterFirst            | false | CLUSTER
            ClusterFirstWithHostNet with hostnetwork         | ClusterFirstWithHostNet | true  | CLUSTER
            ClusterFirstWithHostNet without hostnetwork      | ClusterFirstWithHostNet | false | CLUSTER
            Default without hostnetwork                      | Default                 | false | HOST
            Default with hostnetwork                         | Default                 | true  | HOST
            ClusterFirst with hostnetwork falls back         | ClusterFirst            | true  | HOST
            None                                             | None                    | false | NONE
            invalid policy treated as ClusterFirst           | invalidPolicy           | false | CLUSTER
            """)
    void podDnsType(String name, String policy, boolean hostNetwork, KubeletDnsConfigurer.PodDnsType expected) {
        assertThat(KubeletDnsConfigurer.podDnsType(pod("testNS", policy, hostNetwork, null))).isEqualTo(expected);
    }

    @Test
    void getPodDnsWithoutResolvConf() {
        KubeletDnsConfigurer configurer = new KubeletDnsConfigurer(List.of("203.0.113.1"), "kubernetes.io", "");
        record Case(Pod pod, List<String> servers, List<String> searches) {
        }
        List<Case> cases = List.of(
                new Case(pod("", "ClusterFirstWithHostNet", true, null), List.of("203.0.113.1"),
                        List.of(".svc.kubernetes.io", "svc.kubernetes.io", "kubernetes.io")),
                new Case(pod("", "ClusterFirst", true, null), List.of("127.0.0.1"), List.of(".")),
                new Case(pod("", "ClusterFirst", false, null), List.of("203.0.113.1"),
                        List.of(".svc.kubernetes.io", "svc.kubernetes.io", "kubernetes.io")),
                new Case(pod("", "Default", true, null), List.of("127.0.0.1"), List.of(".")));
        for (Case c : cases) {
            SandboxSpec.DnsConfig dns = configurer.dnsConfig(c.pod());
            assertThat(dns.nameservers()).isEqualTo(c.servers());
            assertThat(dns.searches()).isEqualTo(c.searches());
        }
    }

    @Test
    void clusterFirstWithoutClusterDnsFallsBackToDefault(@TempDir Path dir) throws IOException {
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 8.8.8.8\nsearch host.domain\noptions edns0\n");
        KubeletDnsConfigurer configurer = new KubeletDnsConfigurer(List.of(), "kubernetes.io", resolv.toString());
        SandboxSpec.DnsConfig dns = configurer.dnsConfig(pod("testNS", "ClusterFirst", false, null));
        assertThat(dns.nameservers()).containsExactly("8.8.8.8");
        assertThat(dns.searches()).containsExactly("host.domain");
        assertThat(dns.options()).containsExactly("edns0");
    }

    @Test
    void getPodDnsCustom(@TempDir Path dir) throws IOException {
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 8.8.8.8\nsearch host.domain\n");
        KubeletDnsConfigurer configurer = new KubeletDnsConfigurer(List.of("10.0.0.10"), "kubernetes.io", resolv.toString());
        PodDNSConfigOption ndots = new PodDNSConfigOption("ndots", "3");
        PodDNSConfigOption debug = new PodDNSConfigOption("debug", null);
        record Case(String name, boolean hostNetwork, String policy, PodDNSConfig custom, List<String> servers,
                    List<String> searches, List<String> options) {
        }
        List<Case> cases = List.of(
                new Case("None without DNSConfig has empty DNS settings", false, "None", null, List.of(), List.of(), List.of()),
                new Case("None with DNSConfig", false, "None", new PodDNSConfigBuilder().withNameservers("203.0.113.1")
                        .withSearches("my.domain", "second.domain").withOptions(ndots, debug).build(),
                        List.of("203.0.113.1"), List.of("my.domain", "second.domain"), List.of("ndots:3", "debug")),
                new Case("ClusterFirst with DNSConfig", false, "ClusterFirst", new PodDNSConfigBuilder()
                        .withNameservers("10.0.0.11").withSearches("my.domain").withOptions(ndots, debug).build(),
                        List.of("10.0.0.10", "10.0.0.11"),
                        List.of("testNS.svc.kubernetes.io", "svc.kubernetes.io", "kubernetes.io", "host.domain", "my.domain"),
                        List.of("ndots:3", "debug")),
                new Case("ClusterFirstWithHostNet with DNSConfig", true, "ClusterFirstWithHostNet", new PodDNSConfigBuilder()
                        .withNameservers("10.0.0.11").withSearches("my.domain").withOptions(ndots, debug).build(),
                        List.of("10.0.0.10", "10.0.0.11"),
                        List.of("testNS.svc.kubernetes.io", "svc.kubernetes.io", "kubernetes.io", "host.domain", "my.domain"),
                        List.of("ndots:3", "debug")),
                new Case("Default with DNSConfig", false, "Default", new PodDNSConfigBuilder()
                        .withNameservers("10.0.0.11").withSearches("my.domain").withOptions(ndots, debug).build(),
                        List.of("8.8.8.8", "10.0.0.11"), List.of("host.domain", "my.domain"), List.of("ndots:3", "debug")),
                new Case("ClusterFirst plain", false, "ClusterFirst", null, List.of("10.0.0.10"),
                        List.of("testNS.svc.kubernetes.io", "svc.kubernetes.io", "kubernetes.io", "host.domain"), List.of("ndots:5")),
                new Case("duplicates in dnsConfig are merged", false, "ClusterFirst", new PodDNSConfigBuilder()
                        .withNameservers("10.0.0.10").withSearches("svc.kubernetes.io").build(), List.of("10.0.0.10"),
                        List.of("testNS.svc.kubernetes.io", "svc.kubernetes.io", "kubernetes.io", "host.domain"), List.of("ndots:5")),
                new Case("nameservers capped at 3", false, "None", new PodDNSConfigBuilder()
                        .withNameservers("127.0.0.1", "10.0.0.10", "8.8.8.8", "1.2.3.4").build(),
                        List.of("127.0.0.1", "10.0.0.10", "8.8.8.8"), List.of(), List.of()));
        for (Case c : cases) {
            SandboxSpec.DnsConfig dns = configurer.dnsConfig(pod("testNS", c.policy(), c.hostNetwork(), c.custom()));
            assertThat(dns.nameservers()).as(c.name()).isEqualTo(c.servers());
            assertThat(dns.searches()).as(c.name()).isEqualTo(c.searches());
            assertThat(dns.options()).as(c.name()).isEqualTo(c.options());
        }
    }

    @Test
    void unreadableResolvConfFailsTheSandbox(@TempDir Path dir) {
        String missing = dir.resolve("nope").toString();
        KubeletDnsConfigurer configurer = new KubeletDnsConfigurer(List.of("10.0.0.10"), "cluster.local", missing);
        assertThatThrownBy(() -> configurer.dnsConfig(pod("ns", "ClusterFirst", false, null)))
                .isInstanceOf(KubeletException.class).hasMessage("open " + missing + ": no such file or directory");
    }

    @Test
    void mergeOptions() {
        record Case(String name, List<String> existing, List<PodDNSConfigOption> custom, List<String> expected) {
        }
        List<Case> cases = List.of(
                new Case("Empty dnsConfigOptions", List.of("ndots:5", "debug"), null, List.of("ndots:5", "debug")),
                new Case("No duplicated entries", List.of("ndots:5", "debug"),
                        List.of(new PodDNSConfigOption("single-request", null), new PodDNSConfigOption("attempts", "3")),
                        List.of("ndots:5", "debug", "single-request", "attempts:3")),
                new Case("Overwrite duplicated entries", List.of("ndots:5", "debug"),
                        List.of(new PodDNSConfigOption("ndots", "3"), new PodDNSConfigOption("debug", null),
                                new PodDNSConfigOption("single-request", null), new PodDNSConfigOption("attempts", "3")),
                        List.of("ndots:3", "debug", "single-request", "attempts:3")));
        for (Case c : cases) {
            assertThat(KubeletDnsConfigurer.mergeOptions(c.existing(), c.custom())).as(c.name()).isEqualTo(c.expected());
        }
    }

    @Test
    void searchLimits() {
        List<String> list2048 = new ArrayList<>();
        list2048.add("A".repeat(128));
        list2048.addAll(Collections.nCopies(15, "A".repeat(127)));
        List<String> list2050 = new ArrayList<>(list2048);
        list2050.add("B");
        List<String> thirtyTwo = new ArrayList<>(List.of("testNS.svc.TEST", "svc.TEST", "TEST"));
        IntStream.rangeClosed(4, 32).forEach(i -> thirtyTwo.add(String.valueOf(i)));
        List<String> thirtyThree = new ArrayList<>(thirtyTwo);
        thirtyThree.add("33");
        record Case(String name, List<String> in, List<String> out) {
        }
        List<Case> cases = List.of(
                new Case("valid: 3 search paths", List.of("testNS.svc.TEST", "svc.TEST", "TEST"), List.of("testNS.svc.TEST", "svc.TEST", "TEST")),
                new Case("valid: 5 search paths", List.of("testNS.svc.TEST", "svc.TEST", "TEST", "AAA", "BBB"),
                        List.of("testNS.svc.TEST", "svc.TEST", "TEST", "AAA", "BBB")),
                new Case("invalid: a search path longer than 253", List.of("testNS.svc.TEST", "svc.TEST", "TEST", "AAA", "B".repeat(256), "BBB"),
                        List.of("testNS.svc.TEST", "svc.TEST", "TEST", "AAA", "BBB")),
                new Case("valid: 2048 characters", list2048, list2048),
                new Case("invalid: 2050 characters", list2050, list2048),
                new Case("valid: 32 search paths", thirtyTwo, thirtyTwo),
                new Case("invalid: 33 search paths", thirtyThree, thirtyTwo));
        for (Case c : cases) {
            assertThat(KubeletDnsConfigurer.searchesFitLimits(c.in())).as(c.name()).isEqualTo(c.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            valid hostname     | test.pod.hostname | test.pod.hostname
            too long hostname  | 1234567.1234567.1234567.1234567.1234567.1234567.1234567.1234567.1234567. | 1234567.1234567.1234567.1234567.1234567.1234567.1234567.1234567
            hostname end with . | 1234567.1234567.1234567.1234567.1234567.1234567.1234567.123456.1234567. | 1234567.1234567.1234567.1234567.1234567.1234567.1234567.123456
            hostname end with - | 1234567.1234567.1234567.1234567.1234567.1234567.1234567.123456-1234567. | 1234567.1234567.1234567.1234567.1234567.1234567.1234567.123456
            """)
    void truncatesHostname(String name, String hostname, String expected) {
        assertThat(KubeletDnsConfigurer.truncateHostname("test-pod", hostname)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            pod name only              | my-pod        | null     | null    | my-pod | null
            spec.hostname wins         | my-pod        | hostname | null    | hostname | null
            subdomain gives the domain | my-pod        | hostname | subsvc  | hostname | subsvc.ns.svc.cluster.local
            subdomain without hostname | my-pod        | null     | subsvc  | my-pod | subsvc.ns.svc.cluster.local
            long name truncated        | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbb | null | null | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | null
            """)
    void hostnameAndDomain(String name, String podName, String hostname, String subdomain, String expectedHost, String expectedDomain) {
        Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace("ns").endMetadata()
                .withNewSpec().withHostname(hostname).withSubdomain(subdomain).endSpec().build();
        KubeletDnsConfigurer configurer = new KubeletDnsConfigurer(List.of("10.96.0.10"), "cluster.local", "");
        assertThat(configurer.hostname(pod)).isEqualTo(expectedHost);
        assertThat(configurer.domainName(pod)).isEqualTo(expectedDomain);
    }
}
