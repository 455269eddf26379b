package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** printConfigMap: DATA counts data and binaryData keys. */
class ConfigMapTableTest {
    static Stream<Arguments> printConfigMap() {
        return Stream.of(
                arguments("{'metadata':{'name':'cm1'," + CREATED_ALMOST_NOW + "},'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}",
                        List.of("cm1", 3L, "0s")),
                arguments("{'metadata':{'name':'kube-root-ca.crt'," + created(Duration.ofDays(40)) + "},'data':{'ca.crt':'x'}}",
                        List.of("kube-root-ca.crt", 1L, "40d")),
                arguments("{'metadata':{'name':'empty'}}", List.of("empty", 0L, "<unknown>")));
    }

    @ParameterizedTest
    @MethodSource
    void printConfigMap(String configMap, List<Object> expected) {
        assertThat(new ConfigMapTable().cells(json(configMap), NOW)).containsExactlyElementsOf(expected);
    }
}
