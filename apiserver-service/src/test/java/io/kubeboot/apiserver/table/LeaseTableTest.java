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

/** Cases of upstream TestPrintLease. */
class LeaseTableTest {
    static Stream<Arguments> printLease() {
        return Stream.of(
                arguments("{'metadata':{'name':'lease1'," + CREATED_ALMOST_NOW + "},'spec':{'holderIdentity':'holder1'}}",
                        List.of("lease1", "holder1", "0s")),
                arguments("{'metadata':{'name':'lease2'," + created(Duration.ofMinutes(5)) + "},'spec':{'holderIdentity':'holder2'}}",
                        List.of("lease2", "holder2", "5m")),
                arguments("{'metadata':{'name':'unheld'},'spec':{}}", List.of("unheld", "", "<unknown>")));
    }

    @ParameterizedTest
    @MethodSource
    void printLease(String lease, List<Object> expected) {
        assertThat(new LeaseTable().cells(json(lease), NOW)).containsExactlyElementsOf(expected);
    }
}
