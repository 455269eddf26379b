package io.kubeboot.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.table.Fixtures.CREATED_ALMOST_NOW;
import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases of upstream TestPrintServiceAccount. */
class ServiceAccountTableTest {
    static Stream<Arguments> printServiceAccount() {
        return Stream.of(
                arguments("{'metadata':{'name':'sa1'," + CREATED_ALMOST_NOW + "},'secrets':[]}", List.of("sa1", 0L, "0s")),
                arguments("{'metadata':{'name':'sa1'," + CREATED_ALMOST_NOW + "},'secrets':[{'name':'Secret1'},{'name':'Secret2'}]}",
                        List.of("sa1", 2L, "0s")),
                arguments("{'metadata':{'name':'default'}}", List.of("default", 0L, "<unknown>")));
    }

    @ParameterizedTest
    @MethodSource
    void printServiceAccount(String serviceAccount, List<Object> expected) {
        assertThat(new ServiceAccountTable().cells(json(serviceAccount), NOW)).containsExactlyElementsOf(expected);
    }
}
