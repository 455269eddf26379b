package io.kubeboot.apiserver.podlogs;

import io.kubeboot.api.errors.StatusException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Network safety: only loopback and this machine's interface addresses; names are never resolved. */
class NodeAddressGuardTest {
    /** Pretends 192.168.7.7 is the address of one of this machine's interfaces. */
    private final NodeAddressGuard guard = new NodeAddressGuard(a -> a.getHostAddress().equals("192.168.7.7"));

    @ParameterizedTest(name = "{0} allowed={1}")
    @CsvSource({
            "127.0.0.1, true",
            "127.0.0.2, true",
            "127.255.255.254, true",
            "::1, true",
            "[::1], true",
            "192.168.7.7, true",
            "192.168.7.8, false",
            "10.0.0.1, false",
            "8.8.8.8, false",
            "0.0.0.0, false",
            "localhost, false",
            "example.com, false",
            "999.1.1.1, false",
            "fe80::1, false",
    })
    void allowsOnlyAddressesOfThisMachine(String host, boolean allowed) {
        if (allowed) {
            assertThatCode(() -> guard.check("n1", host)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> guard.check("n1", host)).isInstanceOfSatisfying(StatusException.class, e -> {
                assertThat(e.code()).isEqualTo(503);
                assertThat(e.reason()).isEqualTo("ServiceUnavailable");
                assertThat(e.getMessage()).contains("node \"n1\"").contains(host).contains("loopback");
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"example.com", "localhost", "a.b", "1.2.3"})
    void namesAreNotLiteralsAndAreNeverResolved(String host) {
        assertThat(NodeAddressGuard.literal(host)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "10.1.2.3", "::1", "fe80::1"})
    void literalsParseWithoutLookup(String host) throws Exception {
        assertThat(NodeAddressGuard.literal(host)).isEqualTo(InetAddress.getByName(host));
    }
}
