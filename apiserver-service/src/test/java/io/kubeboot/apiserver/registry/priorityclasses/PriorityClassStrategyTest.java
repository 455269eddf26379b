package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases from upstream {@code TestValidatePriorityClass} and {@code TestValidatePriorityClassUpdate}. */
class PriorityClassStrategyTest {
    private final PriorityClassStrategy strategy = new PriorityClassStrategy();

    static PriorityClass pc(String name, int value, boolean globalDefault) {
        PriorityClass pc = StrategyHarness.yaml(PriorityClass.class, """
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: x}
                description: test
                """);
        pc.getMetadata().setName(name);
        pc.setValue(value);
        pc.setGlobalDefault(globalDefault);
        return pc;
    }

    @Test
    void defaultsPreemptionPolicy() {
        PriorityClass pc = StrategyHarness.created(strategy, pc("high-priority", 1_000_000, false));
        assertThat(pc.getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        assertThat(strategy.validate(pc).list()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"system-node-critical,2000001000", "system-cluster-critical,2000000000", "tier1,1000000000"})
    void acceptsSystemAndUserClasses(String name, int value) {
        assertThat(StrategyHarness.create(strategy, pc(name, value, false))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tier1|1000000001|false|value|maximum allowed value of a user defined priority is 1000000000",
            "system-something|100|false|metadata.name|priority class names with 'system-' prefix are reserved for "
                    + "system use only. error: system-something is not a known system priority class",
            "system-node-critical|100|false|metadata.name|priority class names with 'system-' prefix are reserved for "
                    + "system use only. error: value of system-node-critical PriorityClass must be 2000001000",
            "system-cluster-critical|2000000000|true|metadata.name|priority class names with 'system-' prefix are "
                    + "reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false"})
    void rejectsReservedAndTooHighValues(String name, int value, boolean globalDefault, String field, String detail) {
        assertThat(StrategyHarness.create(strategy, pc(name, value, globalDefault)))
                .extracting(FieldError::field, FieldError::type, FieldError::detail)
                .containsExactly(Tuple.tuple(field, Type.FORBIDDEN, detail));
    }

    @Test
    void unknownPreemptionPolicy() {
        PriorityClass pc = pc("tier1", 10, false);
        pc.setPreemptionPolicy("Sometimes");
        assertThat(StrategyHarness.render(StrategyHarness.create(strategy, pc))).isEqualTo(
                "preemptionPolicy: Unsupported value: \"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\"\n");
    }

    @Test
    void valueAndPreemptionPolicyAreImmutable() {
        PriorityClass old = StrategyHarness.created(strategy, pc("tier1", 10, false));
        assertThat(StrategyHarness.update(strategy, old, p -> p.setDescription("changed"))).isEmpty();
        assertThat(StrategyHarness.render(StrategyHarness.update(strategy, old, p -> {
            p.setValue(11);
            p.setPreemptionPolicy("Never");
        }))).isEqualTo("value: Forbidden: may not be changed in an update.\n"
                + "preemptionPolicy: Invalid value: \"Never\": field is immutable\n");
    }
}
