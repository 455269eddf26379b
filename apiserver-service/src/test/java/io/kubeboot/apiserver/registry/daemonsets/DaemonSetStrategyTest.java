package io.kubeboot.apiserver.registry.daemonsets;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases from upstream {@code TestValidateDaemonSet}, {@code TestValidateDaemonSetUpdate} and the ds defaults. */
class DaemonSetStrategyTest {
    private final DaemonSetStrategy strategy = new DaemonSetStrategy();

    static DaemonSet valid() {
        return StrategyHarness.yaml(DaemonSet.class, """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: fluentd, namespace: kube-system}
                spec:
                  selector: {matchLabels: {name: fluentd}}
                  template:
                    metadata: {labels: {name: fluentd}}
                    spec:
                      containers: [{name: fluentd, image: fluentd:v2}]
                """);
    }

    @Test
    void defaultsAndTemplateGeneration() {
        DaemonSet ds = StrategyHarness.created(strategy, valid());
        assertThat(strategy.validate(ds).list()).isEmpty();
        assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isZero();
        assertThat(ds.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(ds.getMetadata().getAnnotations()).containsEntry(DaemonSetStrategy.TEMPLATE_GENERATION, "1");
    }

    @Test
    void templateChangesIncrementTemplateGeneration() {
        DaemonSet old = StrategyHarness.created(strategy, valid());
        DaemonSet changed = StrategyHarness.copy(old, DaemonSet.class);
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("fluentd:v3");
        changed.getMetadata().getAnnotations().put(DaemonSetStrategy.TEMPLATE_GENERATION, "7");
        strategy.prepareForUpdate(changed, old);
        assertThat(changed.getMetadata().getAnnotations()).containsEntry(DaemonSetStrategy.TEMPLATE_GENERATION, "2");
        DaemonSet same = StrategyHarness.copy(old, DaemonSet.class);
        same.getSpec().setMinReadySeconds(5);
        strategy.prepareForUpdate(same, old);
        assertThat(same.getMetadata().getAnnotations()).containsEntry(DaemonSetStrategy.TEMPLATE_GENERATION, "1");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("nil selector", (Consumer<DaemonSet>) d -> d.getSpec().setSelector(null),
                        "spec.template.metadata.labels", Type.INVALID),
                arguments("empty selector", (Consumer<DaemonSet>) d -> d.getSpec().setSelector(new LabelSelector()),
                        "spec.selector", Type.INVALID),
                arguments("selector mismatch", (Consumer<DaemonSet>) d ->
                        d.getSpec().getSelector().setMatchLabels(Map.of("name", "x")),
                        "spec.template.metadata.labels", Type.INVALID),
                arguments("restartPolicy Never", (Consumer<DaemonSet>) d ->
                        d.getSpec().getTemplate().getSpec().setRestartPolicy("Never"),
                        "spec.template.spec.restartPolicy", Type.NOT_SUPPORTED),
                arguments("activeDeadlineSeconds", (Consumer<DaemonSet>) d ->
                        d.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(5L),
                        "spec.template.spec.activeDeadlineSeconds", Type.FORBIDDEN),
                arguments("negative minReadySeconds", (Consumer<DaemonSet>) d -> d.getSpec().setMinReadySeconds(-1),
                        "spec.minReadySeconds", Type.INVALID),
                arguments("unknown update strategy", (Consumer<DaemonSet>) d ->
                        d.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategy(null, "Sometimes")),
                        "spec.updateStrategy", Type.NOT_SUPPORTED),
                arguments("surge and unavailable", (Consumer<DaemonSet>) d -> d.getSpec().setUpdateStrategy(
                        new DaemonSetUpdateStrategy(new RollingUpdateDaemonSet(new IntOrString(1), new IntOrString(1)),
                                "RollingUpdate")), "spec.updateStrategy.rollingUpdate.maxSurge", Type.INVALID),
                arguments("both zero", (Consumer<DaemonSet>) d -> d.getSpec().setUpdateStrategy(
                        new DaemonSetUpdateStrategy(new RollingUpdateDaemonSet(new IntOrString(0), new IntOrString("0%")),
                                "RollingUpdate")), "spec.updateStrategy.rollingUpdate.maxUnavailable", Type.REQUIRED),
                arguments("surge over 100%", (Consumer<DaemonSet>) d -> d.getSpec().setUpdateStrategy(
                        new DaemonSetUpdateStrategy(new RollingUpdateDaemonSet(new IntOrString("101%"), new IntOrString(0)),
                                "RollingUpdate")), "spec.updateStrategy.rollingUpdate.maxSurge", Type.INVALID),
                arguments("negative revisionHistoryLimit", (Consumer<DaemonSet>) d -> d.getSpec().setRevisionHistoryLimit(-1),
                        "spec.revisionHistoryLimit", Type.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidDaemonSetsAreRejected(String name, Consumer<DaemonSet> change, String field, Type type) {
        DaemonSet ds = valid();
        change.accept(ds);
        assertThat(StrategyHarness.create(strategy, ds)).extracting(FieldError::field, FieldError::type)
                .contains(Tuple.tuple(field, type));
    }

    @Test
    void messagesMatchUpstream() {
        DaemonSet ds = valid();
        ds.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategy(
                new RollingUpdateDaemonSet(new IntOrString(0), new IntOrString(0)), "RollingUpdate"));
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, ds)))
                .isEqualTo("spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0\n");
    }

    @Test
    void selectorIsImmutable() {
        DaemonSet old = StrategyHarness.created(strategy, valid());
        assertThat(StrategyHarness.update(strategy, old, d -> {
            d.getSpec().getSelector().setMatchLabels(Map.of("name", "fluentd2"));
            d.getSpec().getTemplate().getMetadata().setLabels(Map.of("name", "fluentd2"));
        })).extracting(FieldError::field).containsExactly("spec.selector");
    }
}
