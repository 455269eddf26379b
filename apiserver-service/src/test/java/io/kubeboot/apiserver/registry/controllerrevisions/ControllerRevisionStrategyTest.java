package io.kubeboot.apiserver.registry.controllerrevisions;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Cases of upstream {@code TestValidateControllerRevision} and {@code TestValidateControllerRevisionUpdate}
 * (the ObjectMeta cases are the registry's and are not repeated here).
 */
class ControllerRevisionStrategyTest {
    private final ControllerRevisionStrategy strategy = new ControllerRevisionStrategy();

    static ControllerRevision revision() {
        return StrategyHarness.yaml(ControllerRevision.class, """
                apiVersion: apps/v1
                kind: ControllerRevision
                metadata: {name: foo-5d8f6b, namespace: default}
                data: {spec: {template: {$patch: replace, metadata: {labels: {a: b}}}}}
                revision: 1
                """);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                arguments("valid", (Consumer<ControllerRevision>) r -> { }, List.of()),
                arguments("revision zero", (Consumer<ControllerRevision>) r -> r.setRevision(0L), List.of()),
                arguments("revision omitted is zero", (Consumer<ControllerRevision>) r -> r.setRevision(null), List.of()),
                arguments("data of any JSON type", (Consumer<ControllerRevision>) r -> r.setData("opaque"), List.of()),
                arguments("missing data", (Consumer<ControllerRevision>) r -> r.setData(null),
                        List.of("data: Required value: data is mandatory")),
                arguments("negative revision", (Consumer<ControllerRevision>) r -> r.setRevision(-1L),
                        List.of("revision: Invalid value: -1: must be greater than or equal to 0")),
                arguments("both", (Consumer<ControllerRevision>) r -> {
                    r.setData(null);
                    r.setRevision(-3L);
                }, List.of("data: Required value: data is mandatory",
                        "revision: Invalid value: -3: must be greater than or equal to 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void create(String name, Consumer<ControllerRevision> change, List<String> expected) {
        ControllerRevision r = revision();
        change.accept(r);
        assertThat(StrategyHarness.create(strategy, r)).extracting(FieldError::toString).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> update() {
        return Stream.of(
                arguments("renumbered", (Consumer<ControllerRevision>) r -> r.setRevision(7L), List.of()),
                arguments("labels changed", (Consumer<ControllerRevision>) r -> r.getMetadata().setLabels(Map.of("x", "y")),
                        List.of()),
                arguments("same data, other key order", (Consumer<ControllerRevision>) r -> r.setData(
                        StrategyHarness.yaml(ControllerRevision.class, """
                                apiVersion: apps/v1
                                kind: ControllerRevision
                                data: {spec: {template: {metadata: {labels: {a: b}}, $patch: replace}}}
                                """).getData()), List.of()),
                arguments("data changed", (Consumer<ControllerRevision>) r -> r.setData(Map.of("a", 1)),
                        List.of("data: Invalid value: {\"a\":1}: field is immutable")),
                arguments("data removed", (Consumer<ControllerRevision>) r -> r.setData(null),
                        List.of("data: Required value: data is mandatory", "data: Invalid value: <nil>: field is immutable")),
                arguments("negative revision", (Consumer<ControllerRevision>) r -> r.setRevision(-2L),
                        List.of("revision: Invalid value: -2: must be greater than or equal to 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void update(String name, Consumer<ControllerRevision> change, List<String> expected) {
        ControllerRevision old = StrategyHarness.created(strategy, revision());
        assertThat(StrategyHarness.update(strategy, old, change)).extracting(FieldError::toString)
                .containsExactlyElementsOf(expected);
    }
}
