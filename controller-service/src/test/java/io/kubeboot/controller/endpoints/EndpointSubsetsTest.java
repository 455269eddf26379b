package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream {@code TestPackSubsets} (pkg/api/v1/endpoints/util_test.go): repacking into the canonical layout. */
class EndpointSubsetsTest {

    static EndpointAddress a(String ip) {
        return new EndpointAddressBuilder().withIp(ip).build();
    }

    static EndpointAddress a(String ip, String uid) {
        return new EndpointAddressBuilder().withIp(ip).withNewTargetRef().withUid(uid).endTargetRef().build();
    }

    static EndpointAddress named(String ip, String name) {
        return new EndpointAddressBuilder().withIp(ip).withNewTargetRef().withName(name).endTargetRef().build();
    }

    static EndpointPort p(int port) {
        return new EndpointPortBuilder().withPort(port).build();
    }

    static EndpointSubset ss(List<EndpointAddress> ready, List<EndpointAddress> notReady, EndpointPort... ports) {
        return new EndpointSubsetBuilder().withAddresses(new ArrayList<>(ready)).withNotReadyAddresses(new ArrayList<>(notReady))
                .withPorts(new ArrayList<>(List.of(ports))).build();
    }

    static Arguments c(String name, List<EndpointSubset> given, List<EndpointSubset> expect) {
        return Arguments.of(name, given, expect);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("empty everything", List.of(ss(List.of(), List.of())), List.of()),
                c("empty addresses", List.of(ss(List.of(), List.of(), p(111))), List.of()),
                c("empty ports", List.of(ss(List.of(a("1.2.3.4")), List.of())), List.of(ss(List.of(a("1.2.3.4")), List.of()))),
                c("empty ports, not ready", List.of(ss(List.of(), List.of(a("1.2.3.4")))), List.of(ss(List.of(), List.of(a("1.2.3.4"))))),
                c("one set, one ip, one port", List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)))),
                c("one set, one ip, one port (IPv6)", List.of(ss(List.of(a("beef::1:2:3:4")), List.of(), p(111))),
                        List.of(ss(List.of(a("beef::1:2:3:4")), List.of(), p(111)))),
                c("one set, one notReady ip, one port", List.of(ss(List.of(), List.of(a("1.2.3.4")), p(111))),
                        List.of(ss(List.of(), List.of(a("1.2.3.4")), p(111)))),
                c("one set, one ip, one UID, one port", List.of(ss(List.of(a("1.2.3.4", "uid-1")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4", "uid-1")), List.of(), p(111)))),
                c("one set, one ip, empty UID, one port", List.of(ss(List.of(a("1.2.3.4", "")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4", "")), List.of(), p(111)))),
                c("one set, two ips, one port", List.of(ss(List.of(a("1.2.3.4"), a("5.6.7.8")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4"), a("5.6.7.8")), List.of(), p(111)))),
                c("one set, two mixed ips, one port", List.of(ss(List.of(a("1.2.3.4")), List.of(a("5.6.7.8")), p(111))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(a("5.6.7.8")), p(111)))),
                c("one set, two duplicate ips, one port, notReady is covered by ready",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(a("1.2.3.4")), p(111))),
                        List.of(ss(List.of(), List.of(a("1.2.3.4")), p(111)))),
                c("one set, one ip, two ports", List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111), p(222))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111), p(222)))),
                c("one set, dup ips, one port", List.of(ss(List.of(a("1.2.3.4"), a("1.2.3.4")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)))),
                c("one set, dup ips, one port (IPv6)", List.of(ss(List.of(a("beef::1"), a("beef::1")), List.of(), p(111))),
                        List.of(ss(List.of(a("beef::1")), List.of(), p(111)))),
                c("one set, dup ips with target-refs, one port",
                        List.of(ss(List.of(named("1.2.3.4", "foo"), named("1.2.3.4", "bar")), List.of(), p(111))),
                        List.of(ss(List.of(named("1.2.3.4", "foo")), List.of(), p(111)))),
                c("one set, dup mixed ips with target-refs, one port",
                        List.of(ss(List.of(named("1.2.3.4", "foo")), List.of(named("1.2.3.4", "bar")), p(111))),
                        // the first reference of an address is kept; not ready wins
                        List.of(ss(List.of(), List.of(named("1.2.3.4", "foo")), p(111)))),
                c("one set, one ip, dup ports", List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111), p(111))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)))),
                c("two sets, dup ip, dup port",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("1.2.3.4")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)))),
                c("two sets, dup mixed ip, dup port",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(), List.of(a("1.2.3.4")), p(111))),
                        List.of(ss(List.of(), List.of(a("1.2.3.4")), p(111)))),
                c("two sets, dup ip, two ports",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("1.2.3.4")), List.of(), p(222))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111), p(222)))),
                c("two sets, dup mixed ip, dup uids, two ports",
                        List.of(ss(List.of(a("1.2.3.4", "uid-1")), List.of(), p(111)), ss(List.of(), List.of(a("1.2.3.4", "uid-1")), p(222))),
                        List.of(ss(List.of(a("1.2.3.4", "uid-1")), List.of(), p(111)), ss(List.of(), List.of(a("1.2.3.4", "uid-1")), p(222)))),
                c("two sets, two ips, dup port",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("5.6.7.8")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4"), a("5.6.7.8")), List.of(), p(111)))),
                c("two set, dup ip, with and without uid, dup ports",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("1.2.3.4", "uid-2")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4"), a("1.2.3.4", "uid-2")), List.of(), p(111)))),
                c("two sets, two ips, two dup ip with uid, dup port, wrong order",
                        List.of(ss(List.of(a("5.6.7.8")), List.of(), p(111)), ss(List.of(a("5.6.7.8", "uid-1")), List.of(), p(111)),
                                ss(List.of(a("1.2.3.4", "uid-1")), List.of(), p(111)), ss(List.of(a("1.2.3.4")), List.of(), p(111))),
                        List.of(ss(List.of(a("1.2.3.4"), a("1.2.3.4", "uid-1"), a("5.6.7.8"), a("5.6.7.8", "uid-1")), List.of(), p(111)))),
                c("two sets, two mixed ips, two dup ip with uid, dup port, wrong order, ends up with split addresses",
                        List.of(ss(List.of(a("5.6.7.8")), List.of(), p(111)), ss(List.of(), List.of(a("5.6.7.8", "uid-1")), p(111)),
                                ss(List.of(), List.of(a("1.2.3.4", "uid-1")), p(111)), ss(List.of(), List.of(a("1.2.3.4")), p(111))),
                        List.of(ss(List.of(a("5.6.7.8")), List.of(a("1.2.3.4"), a("1.2.3.4", "uid-1"), a("5.6.7.8", "uid-1")), p(111)))),
                c("two sets, two ips, two ports",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("5.6.7.8")), List.of(), p(222))),
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("5.6.7.8")), List.of(), p(222)))),
                c("four sets, three ips, three ports, jumbled",
                        List.of(ss(List.of(a("1.2.3.4")), List.of(), p(111)), ss(List.of(a("1.2.3.5")), List.of(), p(222)),
                                ss(List.of(a("1.2.3.6")), List.of(), p(111)), ss(List.of(a("1.2.3.5")), List.of(), p(333))),
                        List.of(ss(List.of(a("1.2.3.4"), a("1.2.3.6")), List.of(), p(111)), ss(List.of(a("1.2.3.5")), List.of(), p(222), p(333)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void repacksIntoTheCanonicalLayout(String name, List<EndpointSubset> given, List<EndpointSubset> expect) {
        assertThat(EndpointSubsets.repack(given)).isEqualTo(EndpointSubsets.sort(expect));
    }

    @Test
    void repackedSubsetsCompareEqualWhateverTheInputOrder() {
        List<EndpointSubset> one = List.of(ss(List.of(a("10.0.0.2", "b"), a("10.0.0.1", "a")), List.of(), p(80), p(443)));
        List<EndpointSubset> two = List.of(ss(List.of(a("10.0.0.1", "a")), List.of(), p(443)), ss(List.of(a("10.0.0.2", "b")), List.of(), p(80)),
                ss(List.of(a("10.0.0.1", "a")), List.of(), p(80)), ss(List.of(a("10.0.0.2", "b")), List.of(), p(443)));
        assertThat(EndpointSubsets.equalIgnoringResourceVersion(EndpointSubsets.repack(one), EndpointSubsets.repack(two))).isTrue();
        assertThat(EndpointSubsets.repack(one).get(0).getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void equalityIgnoresTheTargetResourceVersionOnly() {
        EndpointAddress v1 = new EndpointAddressBuilder(a("1.2.3.4", "u")).editTargetRef().withResourceVersion("1").endTargetRef().build();
        EndpointAddress v2 = new EndpointAddressBuilder(a("1.2.3.4", "u")).editTargetRef().withResourceVersion("2").endTargetRef().build();
        EndpointAddress otherNode = new EndpointAddressBuilder(a("1.2.3.4", "u")).withNodeName("n2").build();
        assertThat(EndpointSubsets.equalIgnoringResourceVersion(List.of(ss(List.of(v1), List.of(), p(1))), List.of(ss(List.of(v2), List.of(), p(1))))).isTrue();
        assertThat(EndpointSubsets.equalIgnoringResourceVersion(List.of(ss(List.of(v1), List.of(), p(1))), List.of(ss(List.of(otherNode), List.of(), p(1))))).isFalse();
        assertThat(EndpointSubsets.equalIgnoringResourceVersion(null, List.of())).isTrue();
    }
}
