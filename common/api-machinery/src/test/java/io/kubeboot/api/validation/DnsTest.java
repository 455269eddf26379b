package io.kubeboot.api.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases from upstream's {@code util/validation/validation_test.go}. */
class DnsTest {

    @ParameterizedTest
    @ValueSource(strings = {"simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void qualifiedNamesAccepted(String name) {
        assertThat(Dns.isQualifiedName(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
            "Example.com/abc", "example_com/abc", "example.com/", "/simple", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "", "_", "a/b/c"})
    void qualifiedNamesRejected(String name) {
        assertThat(Dns.isQualifiedName(name)).isNotEmpty();
    }

    @Test
    void qualifiedNameMessagesMatchUpstream() {
        assertThat(Dns.isQualifiedName("a_")).containsExactly("name part must consist of alphanumeric characters, '-', '_' "
                + "or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        assertThat(Dns.isQualifiedName("/a")).containsExactly("prefix part must be non-empty");
        assertThat(Dns.isQualifiedName("Example.com/a").get(0)).startsWith("prefix part a lowercase RFC 1123 subdomain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234",
            "-starts-with-dash", "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "spaces in", "$special"})
    void labelValues(String value) {
        boolean valid = value.isEmpty() || value.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
        assertThat(Dns.isValidLabelValue(value).isEmpty()).isEqualTo(valid);
    }

    @Test
    void labelValueTooLong() {
        assertThat(Dns.isValidLabelValue("a".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void dns1123LabelReportsDotsSeparately() {
        assertThat(Dns.isDns1123Label("a.b")).containsExactly("must not contain dots");
        assertThat(Dns.isDns1123Label("A")).containsExactly("a lowercase RFC 1123 label must consist of lower case "
                + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',"
                + "  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https", "a-b", "abc-123-def", "a"})
    void portNamesAccepted(String name) {
        assertThat(Dns.isValidPortName(name)).isEmpty();
    }

    @Test
    void portNameRules() {
        assertThat(Dns.isValidPortName("1234")).containsExactly("must contain at least one letter (a-z)");
        assertThat(Dns.isValidPortName("a--b")).containsExactly("must not contain consecutive hyphens");
        assertThat(Dns.isValidPortName("-ab")).containsExactly("must not begin or end with a hyphen");
        assertThat(Dns.isValidPortName("abcdefghijklmnop")).containsExactly("must be no more than 15 characters");
        assertThat(Dns.isValidPortName("Http")).containsExactly("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        assertThat(Dns.isValidPortNum(0)).containsExactly("must be between 1 and 65535, inclusive");
        assertThat(Dns.isValidPortNum(65536)).isNotEmpty();
        assertThat(Dns.isValidPortNum(65535)).isEmpty();
    }

    @Test
    void configMapKeys() {
        assertThat(Dns.isConfigMapKey("key.name")).isEmpty();
        assertThat(Dns.isConfigMapKey("KEY_NAME")).isEmpty();
        assertThat(Dns.isConfigMapKey(".dockercfg")).isEmpty();
        assertThat(Dns.isConfigMapKey("..")).containsExactly("must not be '..'");
        assertThat(Dns.isConfigMapKey("..a")).containsExactly("must not start with '..'");
        assertThat(Dns.isConfigMapKey("a b")).hasSize(1);
        assertThat(Dns.isConfigMapKey("")).hasSize(1);
    }

    @Test
    void relaxedEnvVarNames() {
        assertThat(Dns.isRelaxedEnvVarName("1-starts-with-digit")).isEmpty();
        assertThat(Dns.isRelaxedEnvVarName("has space")).isEmpty();
        assertThat(Dns.isRelaxedEnvVarName("a=b")).containsExactly(
                "a valid environment variable name must consist only of printable ASCII characters other than '='");
        assertThat(Dns.isRelaxedEnvVarName("")).containsExactly("environment variable name must be non-empty");
        assertThat(Dns.isEnvVarName("1abc")).hasSize(1);
    }

    @Test
    void ipsAndCidrs() {
        assertThat(Dns.isValidIp("10.9.8.7")).isEmpty();
        assertThat(Dns.isValidIp("2001:db8::ffff")).isEmpty();
        assertThat(Dns.isValidIp("010.001.002.003")).as("sloppy parsing keeps leading zeros").isEmpty();
        assertThat(Dns.isValidIp("1.2.3")).containsExactly("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        assertThat(Dns.isValidIp("256.1.1.1")).isNotEmpty();
        assertThat(Dns.isValidIp("example.com")).isNotEmpty();
        assertThat(Dns.isValidCidr("10.0.0.0/8")).isEmpty();
        assertThat(Dns.isValidCidr("fd00::/64")).isEmpty();
        assertThat(Dns.isValidCidr("10.0.0.0/33")).isNotEmpty();
        assertThat(Dns.isValidCidr("10.0.0.0")).isNotEmpty();
    }
}
