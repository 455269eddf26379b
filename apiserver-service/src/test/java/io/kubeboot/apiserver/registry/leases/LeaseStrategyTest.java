package io.kubeboot.apiserver.registry.leases;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases from upstream {@code TestValidateLeaseSpec} and the lease strategy's feature-gate dropping. */
class LeaseStrategyTest {
    private final LeaseStrategy strategy = new LeaseStrategy();

    static Lease lease(Integer duration, Integer transitions) {
        Lease l = StrategyHarness.yaml(Lease.class, """
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: kube-scheduler, namespace: kube-system}
                spec: {holderIdentity: node-1}
                """);
        l.getSpec().setLeaseDurationSeconds(duration);
        l.getSpec().setLeaseTransitions(transitions);
        return l;
    }

    @Test
    void validLeasePasses() {
        assertThat(StrategyHarness.create(strategy, lease(15, 0))).isEmpty();
        assertThat(StrategyHarness.create(strategy, lease(null, null))).isEmpty();
    }

    @Test
    void durationAndTransitionsAreChecked() {
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, lease(0, -1)))).isEqualTo(
                "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0\n"
                        + "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0\n");
    }

    @Test
    void alphaFieldsAreDroppedOnCreate() {
        Lease l = lease(15, 0);
        l.getSpec().setStrategy("OldestEmulationVersion");
        l.getSpec().setPreferredHolder("node-2");
        Lease created = StrategyHarness.created(strategy, l);
        assertThat(created.getSpec().getStrategy()).isNull();
        assertThat(created.getSpec().getPreferredHolder()).isNull();
    }

    @Test
    void strategyRulesWhenPresent() {
        LeaseSpec spec = new LeaseSpec();
        spec.setStrategy("Random");
        spec.setPreferredHolder("x");
        assertThat(LeaseStrategy.validateSpec(spec, FieldPath.of("spec")).list())
                .extracting(FieldError::field, FieldError::type)
                .containsExactly(Tuple.tuple("spec.strategy.strategy", Type.NOT_SUPPORTED));
        LeaseSpec holderOnly = new LeaseSpec();
        holderOnly.setPreferredHolder("x");
        assertThat(LeaseStrategy.validateSpec(holderOnly, FieldPath.of("spec")).list())
                .extracting(FieldError::field, FieldError::type)
                .containsExactly(Tuple.tuple("spec.preferredHolder", Type.FORBIDDEN));
    }

    @Test
    void updatesAreValidatedLikeCreates() {
        Lease old = StrategyHarness.created(strategy, lease(15, 0));
        assertThat(StrategyHarness.update(strategy, old, l -> l.getSpec().setLeaseTransitions(1))).isEmpty();
        assertThat(StrategyHarness.update(strategy, old, l -> l.getSpec().setLeaseDurationSeconds(-5)))
                .extracting(FieldError::field).containsExactly("spec.leaseDurationSeconds");
    }
}
