package io.kubeboot.apiserver.registry.replicasets;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
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

/** Cases from upstream {@code TestValidateReplicaSet}, {@code TestValidateReplicaSetUpdate} and status tests. */
class ReplicaSetStrategyTest {
    private final ReplicaSetStrategy strategy = new ReplicaSetStrategy();

    static ReplicaSet valid() {
        return StrategyHarness.yaml(ReplicaSet.class, """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: frontend, namespace: default}
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {tier: frontend}
                    matchExpressions: [{key: env, operator: In, values: [prod, staging]}]
                  template:
                    metadata: {labels: {tier: frontend, env: prod}}
                    spec:
                      containers: [{name: php-redis, image: gcr.io/google_samples/gb-frontend:v3}]
                """);
    }

    @Test
    void validReplicaSetPassesAndDefaultsReplicas() {
        assertThat(StrategyHarness.create(strategy, valid())).isEmpty();
        ReplicaSet rs = valid();
        rs.getSpec().setReplicas(null);
        assertThat(StrategyHarness.created(strategy, rs).getSpec().getReplicas()).isEqualTo(1);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("missing selector", (Consumer<ReplicaSet>) r -> r.getSpec().setSelector(null),
                        "spec.selector", Type.REQUIRED),
                arguments("empty selector", (Consumer<ReplicaSet>) r -> r.getSpec().setSelector(new LabelSelector()),
                        "spec.selector", Type.INVALID),
                arguments("expression does not match", (Consumer<ReplicaSet>) r -> r.getSpec().getSelector()
                        .setMatchExpressions(List.of(new LabelSelectorRequirement("env", "NotIn", List.of("prod")))),
                        "spec.template.metadata.labels", Type.INVALID),
                arguments("In without values", (Consumer<ReplicaSet>) r -> r.getSpec().getSelector()
                        .setMatchExpressions(List.of(new LabelSelectorRequirement("env", "In", List.of()))),
                        "spec.selector.matchExpressions[0].values", Type.REQUIRED),
                arguments("negative replicas", (Consumer<ReplicaSet>) r -> r.getSpec().setReplicas(-1),
                        "spec.replicas", Type.INVALID),
                arguments("negative minReadySeconds", (Consumer<ReplicaSet>) r -> r.getSpec().setMinReadySeconds(-1),
                        "spec.minReadySeconds", Type.INVALID),
                arguments("restartPolicy OnFailure", (Consumer<ReplicaSet>) r ->
                        r.getSpec().getTemplate().getSpec().setRestartPolicy("OnFailure"),
                        "spec.template.spec.restartPolicy", Type.NOT_SUPPORTED),
                arguments("bad template label", (Consumer<ReplicaSet>) r -> {
                    r.getSpec().getTemplate().getMetadata().setLabels(Map.of("tier", "frontend", "env", "prod", "NoUppercase123", "bad value!"));
                }, "spec.template.labels", Type.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidReplicaSetsAreRejected(String name, Consumer<ReplicaSet> change, String field, Type type) {
        ReplicaSet rs = valid();
        change.accept(rs);
        assertThat(StrategyHarness.create(strategy, rs)).extracting(FieldError::field, FieldError::type)
                .contains(Tuple.tuple(field, type));
    }

    @Test
    void emptySelectorMessageNamesDeploymentAsUpstream() {
        ReplicaSet rs = valid();
        rs.getSpec().setSelector(new LabelSelector());
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, rs))).contains(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment\n");
    }

    @Test
    void updatesKeepSelector() {
        ReplicaSet old = StrategyHarness.created(strategy, valid());
        assertThat(StrategyHarness.update(strategy, old, r -> r.getSpec().setReplicas(0))).isEmpty();
        assertThat(StrategyHarness.update(strategy, old, r -> r.getSpec().getSelector().setMatchExpressions(List.of())))
                .extracting(FieldError::field).containsExactly("spec.selector");
    }

    @Test
    void statusCountsAreBounded() {
        ReplicaSet old = StrategyHarness.created(strategy, valid());
        ReplicaSet rs = StrategyHarness.copy(old, ReplicaSet.class);
        ReplicaSetStatus s = new ReplicaSetStatus();
        s.setReplicas(2);
        s.setFullyLabeledReplicas(3);
        s.setReadyReplicas(1);
        s.setAvailableReplicas(2);
        rs.setStatus(s);
        assertThat(StrategyHarness.render(strategy.validateStatusUpdate(rs, old).list())).isEqualTo(
                "status.fullyLabeledReplicas: Invalid value: 3: cannot be greater than status.replicas\n"
                        + "status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas\n");
    }
}
