package io.kubeboot.apiserver.registry.deployments;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Cases from upstream {@code TestValidateDeployment} and {@code TestSetDefaultDeployment}. */
class DeploymentStrategyTest {
    private final DeploymentStrategy strategy = new DeploymentStrategy();

    static Deployment valid() {
        return StrategyHarness.yaml(Deployment.class, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: abc, namespace: default}
                spec:
                  selector: {matchLabels: {name: abc, type: production}}
                  template:
                    metadata: {labels: {name: abc, type: production}}
                    spec:
                      containers: [{name: nginx, image: nginx:1.14.2}]
                """);
    }

    @Test
    void validDeploymentPasses() {
        assertThat(StrategyHarness.create(strategy, valid())).isEmpty();
    }

    @Test
    void defaultsMatchUpstream() {
        Deployment d = StrategyHarness.created(strategy, valid());
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal()).isEqualTo("25%");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("25%");
        assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(d.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    }

    @Test
    void recreateGetsNoRollingUpdateDefaults() {
        Deployment d = valid();
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy(null, "Recreate"));
        assertThat(StrategyHarness.created(strategy, d).getSpec().getStrategy().getRollingUpdate()).isNull();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("missing selector", (Consumer<Deployment>) d -> d.getSpec().setSelector(null),
                        "spec.selector", Type.REQUIRED),
                arguments("empty selector", (Consumer<Deployment>) d -> d.getSpec().setSelector(new LabelSelector()),
                        "spec.selector", Type.INVALID),
                arguments("selector does not match", (Consumer<Deployment>) d ->
                        d.getSpec().getSelector().setMatchLabels(Map.of("name", "other")),
                        "spec.template.metadata.labels", Type.INVALID),
                arguments("bad selector key", (Consumer<Deployment>) d ->
                        d.getSpec().getSelector().setMatchLabels(Map.of("NoUppercaseOrSpecialCharsLike=Equals", "b")),
                        "spec.selector.matchLabels", Type.INVALID),
                arguments("negative replicas", (Consumer<Deployment>) d -> d.getSpec().setReplicas(-1),
                        "spec.replicas", Type.INVALID),
                arguments("unknown strategy", (Consumer<Deployment>) d -> d.getSpec().setStrategy(
                        new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy(null, "randomType")),
                        "spec.strategy", Type.NOT_SUPPORTED),
                arguments("rollingUpdate with Recreate", (Consumer<Deployment>) d -> d.getSpec().setStrategy(
                        new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy(new RollingUpdateDeployment(), "Recreate")),
                        "spec.strategy.rollingUpdate", Type.FORBIDDEN),
                arguments("invalid maxUnavailable percent", (Consumer<Deployment>) d -> rolling(d,
                        new IntOrString("20Percent"), null),
                        "spec.strategy.rollingUpdate.maxUnavailable", Type.INVALID),
                arguments("maxUnavailable over 100%", (Consumer<Deployment>) d -> rolling(d,
                        new IntOrString("110%"), null),
                        "spec.strategy.rollingUpdate.maxUnavailable", Type.INVALID),
                arguments("negative maxSurge", (Consumer<Deployment>) d -> rolling(d, null, new IntOrString(-1)),
                        "spec.strategy.rollingUpdate.maxSurge", Type.INVALID),
                arguments("both zero", (Consumer<Deployment>) d -> rolling(d, new IntOrString(0), new IntOrString(0)),
                        "spec.strategy.rollingUpdate.maxUnavailable", Type.INVALID),
                arguments("restartPolicy OnFailure", (Consumer<Deployment>) d ->
                        d.getSpec().getTemplate().getSpec().setRestartPolicy("OnFailure"),
                        "spec.template.spec.restartPolicy", Type.NOT_SUPPORTED),
                arguments("activeDeadlineSeconds", (Consumer<Deployment>) d ->
                        d.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(30L),
                        "spec.template.spec.activeDeadlineSeconds", Type.FORBIDDEN),
                arguments("negative minReadySeconds", (Consumer<Deployment>) d -> d.getSpec().setMinReadySeconds(-1),
                        "spec.minReadySeconds", Type.INVALID),
                arguments("negative revisionHistoryLimit", (Consumer<Deployment>) d ->
                        d.getSpec().setRevisionHistoryLimit(-2), "spec.revisionHistoryLimit", Type.INVALID),
                arguments("progressDeadline not above minReady", (Consumer<Deployment>) d -> {
                    d.getSpec().setMinReadySeconds(30);
                    d.getSpec().setProgressDeadlineSeconds(30);
                }, "spec.progressDeadlineSeconds", Type.INVALID),
                arguments("no containers", (Consumer<Deployment>) d ->
                        d.getSpec().getTemplate().getSpec().setContainers(List.of()),
                        "spec.template.spec.containers", Type.REQUIRED));
    }

    private static void rolling(Deployment d, IntOrString maxUnavailable, IntOrString maxSurge) {
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy(
                new RollingUpdateDeployment(maxSurge, maxUnavailable), "RollingUpdate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidDeploymentsAreRejected(String name, Consumer<Deployment> change, String field, Type type) {
        Deployment d = valid();
        change.accept(d);
        List<FieldError> errs = StrategyHarness.create(strategy, d);
        assertThat(errs).extracting(FieldError::field, FieldError::type).contains(org.assertj.core.groups.Tuple.tuple(field, type));
    }

    @Test
    void messagesMatchUpstream() {
        Deployment d = valid();
        d.getSpec().getSelector().setMatchLabels(Map.of("name", "other"));
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, d))).isEqualTo(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"name\":\"abc\", \"type\":\"production\"}: "
                        + "`selector` does not match template `labels`\n");

        Deployment z = valid();
        rolling(z, new IntOrString(0), new IntOrString(0));
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, z))).isEqualTo(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: "
                        + "may not be 0 when `maxSurge` is 0\n");

        Deployment r = valid();
        r.getSpec().setReplicas(-1);
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, r)))
                .isEqualTo("spec.replicas: Invalid value: -1: must be greater than or equal to 0\n");
    }

    @Test
    void selectorIsImmutableOnUpdate() {
        Deployment old = StrategyHarness.created(strategy, valid());
        List<FieldError> errs = StrategyHarness.update(strategy, old, d -> {
            d.getSpec().getSelector().setMatchLabels(Map.of("name", "abc"));
        });
        assertThat(StrategyHarness.render(errs)).isEqualTo("spec.selector: Invalid value: v1.LabelSelector{"
                + "MatchLabels:map[string]string{\"name\":\"abc\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                + "field is immutable\n");
    }

    @Test
    void scalingIsAllowedOnUpdate() {
        Deployment old = StrategyHarness.created(strategy, valid());
        assertThat(StrategyHarness.update(strategy, old, d -> d.getSpec().setReplicas(5))).isEmpty();
    }

    @Test
    void annotationChangesBumpGeneration() {
        Deployment old = StrategyHarness.created(strategy, valid());
        old.getMetadata().setGeneration(3L);
        Deployment d = StrategyHarness.copy(old, Deployment.class);
        d.getMetadata().setAnnotations(Map.of("a", "b"));
        strategy.prepareForUpdate(d, old);
        assertThat(d.getMetadata().getGeneration()).isEqualTo(4L);
    }

    @Test
    void statusCountersAreChecked() {
        Deployment old = StrategyHarness.created(strategy, valid());
        Deployment d = StrategyHarness.copy(old, Deployment.class);
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(1).withReadyReplicas(2).build());
        assertThat(strategy.validateStatusUpdate(d, old).list()).extracting(FieldError::field)
                .containsExactly("status.readyReplicas");
    }
}
