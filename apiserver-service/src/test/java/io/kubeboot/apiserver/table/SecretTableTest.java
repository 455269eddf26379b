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

/** Cases of upstream TestPrintSecret. */
class SecretTableTest {
    static Stream<Arguments> printSecret() {
        return Stream.of(
                arguments("{'metadata':{'name':'secret1'," + CREATED_ALMOST_NOW + "},'type':'kubernetes.io/service-account-token',"
                                + "'data':{'token':'c2VjcmV0IGRhdGE='}}",
                        List.of("secret1", "kubernetes.io/service-account-token", 1L, "0s")),
                arguments("{'metadata':{'name':'secret1'," + CREATED_ALMOST_NOW + "},'type':'kubernetes.io/service-account-token'}",
                        List.of("secret1", "kubernetes.io/service-account-token", 0L, "0s")),
                arguments("{'metadata':{'name':'opaque'},'type':'Opaque','data':{'a':'','b':''}}",
                        List.of("opaque", "Opaque", 2L, "<unknown>")));
    }

    @ParameterizedTest
    @MethodSource
    void printSecret(String secret, List<Object> expected) {
        assertThat(new SecretTable().cells(json(secret), NOW)).containsExactlyElementsOf(expected);
    }
}
