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

/** Cases of upstream TestPrintNamespace. */
class NamespaceTableTest {
    static Stream<Arguments> printNamespace() {
        return Stream.of(
                arguments("{'metadata':{'name':'namespace1'," + CREATED_ALMOST_NOW + "},'status':{'phase':'FooStatus'}}",
                        List.of("namespace1", "FooStatus", "0s")),
                arguments("{'metadata':{'name':'namespace2'}}", List.of("namespace2", "", "<unknown>")),
                arguments("{'metadata':{'name':'default'," + created(Duration.ofHours(5).plusMinutes(2)) + "},'status':{'phase':'Active'}}",
                        List.of("default", "Active", "5h2m")),
                arguments("{'metadata':{'name':'old','creationTimestamp':'" + NOW.plusSeconds(5) + "'},'status':{'phase':'Terminating'}}",
                        List.of("old", "Terminating", "<invalid>")));
    }

    @ParameterizedTest
    @MethodSource
    void printNamespace(String namespace, List<Object> expected) {
        assertThat(new NamespaceTable().cells(json(namespace), NOW)).containsExactlyElementsOf(expected);
    }
}
