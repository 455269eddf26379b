package io.kubeboot.node.kubelet.dns;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream dns_test.go TestParseResolvConf. */
class ResolvConfTest {
    record Case(String data, List<String> nameservers, List<String> searches, List<String> options, boolean error) {
        @Override
        public String toString() {
            return "[" + data.replace("\n", "\\n").replace("\t", "\\t") + "]";
        }
    }

    private static Case ok(String data, List<String> ns, List<String> search, List<String> options) {
        return new Case(data, ns, search, options, false);
    }

    static Stream<Case> cases() {
        List<String> none = List.of();
        return Stream.of(
                ok("", none, none, none),
                ok(" ", none, none, none),
                ok("\n", none, none, none),
                ok("\t\n\t", none, none, none),
                ok("#comment\n", none, none, none),
                ok(" #comment\n", none, none, none),
                ok("#comment\n#comment", none, none, none),
                new Case("#comment\nnameserver", none, none, none, true),
                new Case("#comment\nnameserver\nsearch", none, none, none, true),
                ok("#comment\nnameserver 1.2.3.4\nsearch", List.of("1.2.3.4"), none, none),
                ok("nameserver 1.2.3.4", List.of("1.2.3.4"), none, none),
                ok(" nameserver 1.2.3.4", List.of("1.2.3.4"), none, none),
                ok("\tnameserver 1.2.3.4", List.of("1.2.3.4"), none, none),
                ok("nameserver\t1.2.3.4", List.of("1.2.3.4"), none, none),
                ok("nameserver \t 1.2.3.4", List.of("1.2.3.4"), none, none),
                ok("nameserver 1.2.3.4\nnameserver 5.6.7.8", List.of("1.2.3.4", "5.6.7.8"), none, none),
                ok("nameserver 1.2.3.4 #comment", List.of("1.2.3.4"), none, none),
                ok("search ", none, none, none),
                ok("search foo", none, List.of("foo"), none),
                ok("search foo bar", none, List.of("foo", "bar"), none),
                ok("search foo. bar", none, List.of("foo", "bar"), none),
                ok("search foo bar bat\n", none, List.of("foo", "bar", "bat"), none),
                ok("search foo\nsearch bar", none, List.of("bar"), none),
                ok("nameserver 1.2.3.4\nsearch foo bar", List.of("1.2.3.4"), List.of("foo", "bar"), none),
                ok("nameserver 1.2.3.4\nsearch foo\nnameserver 5.6.7.8\nsearch bar", List.of("1.2.3.4", "5.6.7.8"), List.of("bar"), none),
                ok("#comment\nnameserver 1.2.3.4\n#comment\nsearch foo\ncomment", List.of("1.2.3.4"), List.of("foo"), none),
                ok("options ", none, none, none),
                ok("options ndots:5 attempts:2", none, none, List.of("ndots:5", "attempts:2")),
                ok("options ndots:1\noptions ndots:5 attempts:3", none, none, List.of("ndots:5", "attempts:3")),
                ok("nameserver 1.2.3.4\nsearch foo\nnameserver 5.6.7.8\nsearch bar\noptions ndots:5 attempts:4",
                        List.of("1.2.3.4", "5.6.7.8"), List.of("bar"), List.of("ndots:5", "attempts:4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        if (c.error()) {
            assertThatThrownBy(() -> ResolvConf.parse(c.data())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nameserver list is empty");
            return;
        }
        ResolvConf parsed = ResolvConf.parse(c.data());
        assertThat(parsed.nameservers()).isEqualTo(c.nameservers());
        assertThat(parsed.searches()).isEqualTo(c.searches());
        assertThat(parsed.options()).isEqualTo(c.options());
    }
}
