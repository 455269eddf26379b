package io.kubeboot.apiserver.table;

import org.junit.jupiter.api.Test;
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

/** Cases of upstream TestPrintPriorityClass in the wide form (PREEMPTIONPOLICY last). */
class PriorityClassTableTest {
    static Stream<Arguments> printPriorityClass() {
        return Stream.of(
                arguments("{'metadata':{'name':'pc1'," + CREATED_ALMOST_NOW + "},'value':1,'preemptionPolicy':'Never'}",
                        List.of("pc1", 1L, false, "0s", "Never")),
                arguments("{'metadata':{'name':'pc2'," + created(Duration.ofMinutes(5)) + "},'value':1000000000,"
                                + "'globalDefault':true,'preemptionPolicy':'PreemptLowerPriority'}",
                        List.of("pc2", 1000000000L, true, "5m", "PreemptLowerPriority")),
                arguments("{'metadata':{'name':'pc2'," + created(Duration.ofMinutes(5)) + "},'value':1000000000,'globalDefault':true}",
                        List.of("pc2", 1000000000L, true, "5m", "")),
                arguments("{'metadata':{'name':'system-node-critical'},'value':2000001000}",
                        List.of("system-node-critical", 2000001000L, false, "<unknown>", "")));
    }

    @ParameterizedTest
    @MethodSource
    void printPriorityClass(String priorityClass, List<Object> expected) {
        assertThat(new PriorityClassTable().cells(json(priorityClass), NOW)).containsExactlyElementsOf(expected);
    }

    @Test
    void columnTypes() {
        assertThat(new PriorityClassTable().columns()).extracting(TableConvertor.Column::type)
                .containsExactly("string", "integer", "boolean", "string", "string");
    }
}
