package io.kubeboot.api.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Go's {@code net.ParseIP} acceptance, as exercised by upstream's IP validation tests. */
class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "1.2.3.4, true, true",
            "0.0.0.0, true, true",
            "::, true, false",
            "::1, true, false",
            "2001:db8::, true, false",
            "2001:db8:0:0:0:0:0:1, true, false",
            "::ffff:1.2.3.4, true, true",
            "fe80::1, true, false",
            "1:2:3:4:5:6:7:8:9, false, false",
            "1::2::3, false, false",
            "12345::, false, false",
            "1.2.3.4.5, false, false",
            "1.2.3.-4, false, false",
            "a.b.c.d, false, false",
            "1:2:3:4:5:6:1.2.3.4, true, false",
            "' 1.2.3.4', false, false"
    })
    void parses(String text, boolean valid, boolean v4) {
        IpAddress ip = IpAddress.parse(text);
        assertThat(ip != null).isEqualTo(valid);
        if (ip != null) {
            assertThat(ip.isIpv4()).isEqualTo(v4);
        }
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, loopback", "::1, loopback", "0.0.0.0, unspecified", "169.254.1.1, linklocal",
            "fe80::5, linklocal", "224.0.0.5, multicast", "10.0.0.1, none"})
    void specialRanges(String text, String kind) {
        IpAddress ip = IpAddress.parse(text);
        assertThat(ip.isLoopback()).isEqualTo(kind.equals("loopback"));
        assertThat(ip.isUnspecified()).isEqualTo(kind.equals("unspecified"));
        assertThat(ip.isLinkLocalUnicast()).isEqualTo(kind.equals("linklocal"));
        assertThat(ip.isLinkLocalMulticast()).isEqualTo(kind.equals("multicast"));
    }
}
