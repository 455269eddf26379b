package io.kubeboot.node.nodestatus;

import io.kubeboot.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge patch from one document to another, checked by applying it back (RFC 7386). */
class MergePatchTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                              | {}                              | {}",
            "{\"a\":1}                       | {\"a\":1}                       | {}",
            "{\"a\":1}                       | {\"a\":2}                       | {\"a\":2}",
            "{\"a\":1,\"b\":2}               | {\"a\":1}                       | {\"b\":null}",
            "{\"o\":{\"x\":1,\"y\":2}}       | {\"o\":{\"x\":1,\"y\":3}}       | {\"o\":{\"y\":3}}",
            "{\"l\":[1,2]}                   | {\"l\":[2]}                     | {\"l\":[2]}",
            "{\"o\":{\"x\":1}}               | {\"o\":5}                       | {\"o\":5}",
            "{}                              | {\"n\":{\"deep\":true}}         | {\"n\":{\"deep\":true}}",
    })
    void diff(String from, String to, String patch) throws Exception {
        var a = Json.parse(from.getBytes(StandardCharsets.UTF_8));
        var b = Json.parse(to.getBytes(StandardCharsets.UTF_8));
        var p = MergePatch.diff(a, b);
        assertThat(p).isEqualTo(Json.parse(patch.getBytes(StandardCharsets.UTF_8)));
        assertThat(io.kubeboot.api.patch.JsonMergePatch.apply(a, p)).isEqualTo(b);
    }
}
