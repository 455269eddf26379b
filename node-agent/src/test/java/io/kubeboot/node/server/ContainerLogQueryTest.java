package io.kubeboot.node.server;

import io.kubeboot.node.runtime.LogOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kubelet's decoding and validation of the /containerLogs query. */
class ContainerLogQueryTest {
    static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");

    static Map<String, List<String>> q(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return m;
    }

    record Case(String name, Map<String, List<String>> query, ContainerLogQuery expected, Integer status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing", q(), new ContainerLogQuery(false, LogOptions.all()), null, null),
                new Case("everything", q("follow", "true", "previous", "true", "timestamps", "1", "tailLines", "3", "limitBytes", "9"),
                        new ContainerLogQuery(true, new LogOptions(true, 3L, null, true, 9L)), null, null),
                new Case("sinceSeconds is relative to now", q("sinceSeconds", "60"),
                        new ContainerLogQuery(false, new LogOptions(false, null, NOW.minusSeconds(60), false, null)), null, null),
                new Case("sinceTime", q("sinceTime", "2024-01-01T10:00:00Z"),
                        new ContainerLogQuery(false, new LogOptions(false, null, Instant.parse("2024-01-01T10:00:00Z"), false, null)), null, null),
                new Case("legacy tail", q("tail", "5"), new ContainerLogQuery(false, new LogOptions(false, 5L, null, false, null)), null, null),
                new Case("legacy tail=all overrides tailLines", q("tailLines", "2", "tail", "all"),
                        new ContainerLogQuery(false, LogOptions.all()), null, null),
                new Case("bad number", q("tailLines", "x"), null, 400, "{\"message\": \"Unable to decode query.\"}"),
                new Case("bad time", q("sinceTime", "yesterday"), null, 400, "{\"message\": \"Unable to decode query.\"}"),
                new Case("negative tail", q("tailLines", "-1"), null, 422, "{\"message\": \"Invalid request.\"}"),
                new Case("zero limitBytes", q("limitBytes", "0"), null, 422, "{\"message\": \"Invalid request.\"}"),
                new Case("both since", q("sinceSeconds", "1", "sinceTime", "2024-01-01T10:00:00Z"), null, 422,
                        "{\"message\": \"Invalid request.\"}"),
                new Case("zero sinceSeconds", q("sinceSeconds", "0"), null, 422, "{\"message\": \"Invalid request.\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        if (c.expected() != null) {
            assertThat(ContainerLogQuery.parse(c.query(), NOW)).isEqualTo(c.expected());
            return;
        }
        assertThatThrownBy(() -> ContainerLogQuery.parse(c.query(), NOW)).isInstanceOfSatisfying(KubeletHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(c.status());
            assertThat(e.getMessage()).isEqualTo(c.body());
        });
    }
}
