package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldError.Type;
import io.kubeboot.apiserver.registry.StrategyHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cases from upstream {@code TestValidatePriorityClass}, {@code TestValidatePriorityClassUpdate} and
 * the PriorityClass half of the Priority admission plugin ({@code TestPriorityClassAdmission}).
 */
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

    @Test
    void createSetsGenerationOne() {
        assertThat(StrategyHarness.created(strategy, pc("tier1", 10, false)).getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void builtInClassesPassValidation() {
        assertThat(SystemPriorityClasses.all()).extracting(p -> p.getMetadata().getName())
                .containsExactly("system-node-critical", "system-cluster-critical");
        for (PriorityClass pc : SystemPriorityClasses.all()) {
            assertThat(StrategyHarness.create(strategy, pc)).as(pc.getMetadata().getName()).isEmpty();
            assertThat(pc.getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        }
    }

    /** {@code error}: the 403 message, or null when admitted. */
    record GlobalDefaultCase(String name, List<PriorityClass> existing, PriorityClass pc, boolean update, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<GlobalDefaultCase> globalDefaultCases() {
        PriorityClass default1 = pc("default1", 1000, true);
        PriorityClass default2 = pc("default2", 2000, true);
        PriorityClass nondefault = pc("nondefault1", 2000, false);
        return Stream.of(
                new GlobalDefaultCase("one default class", List.of(), default1, false, null),
                new GlobalDefaultCase("more than one default class", List.of(default1), default2, false,
                        "priorityclasses.scheduling.k8s.io \"default2\" is forbidden: PriorityClass default1 is already "
                                + "marked as default. Only one default can exist"),
                new GlobalDefaultCase("a non-default class next to a default", List.of(default1), nondefault, false, null),
                new GlobalDefaultCase("the default class updated while still default", List.of(default1), default1, true, null),
                new GlobalDefaultCase("another class marked default on update", List.of(default1, nondefault),
                        pc("nondefault1", 2000, true), true,
                        "priorityclasses.scheduling.k8s.io \"nondefault1\" is forbidden: PriorityClass default1 is already "
                                + "marked as default. Only one default can exist"),
                new GlobalDefaultCase("of racing defaults the lowest value is the one named", List.of(default2, default1),
                        pc("third", 5, true), false,
                        "priorityclasses.scheduling.k8s.io \"third\" is forbidden: PriorityClass default1 is already "
                                + "marked as default. Only one default can exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globalDefaultCases")
    void onlyOneGlobalDefault(GlobalDefaultCase c) {
        PriorityClassStrategy withClasses = new PriorityClassStrategy(PriorityClassLister.of(c.existing()));
        PriorityClass pc = StrategyHarness.created(withClasses, StrategyHarness.copy(c.pc(), PriorityClass.class));
        Runnable check = c.update()
                ? () -> withClasses.validateUpdate(pc, StrategyHarness.created(withClasses, c.existing().stream()
                        .filter(e -> e.getMetadata().getName().equals(pc.getMetadata().getName())).findFirst().orElseThrow()))
                : () -> withClasses.validate(pc);
        if (c.error() == null) {
            assertThatCode(check::run).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(check::run).isInstanceOfSatisfying(StatusException.class,
                    e -> assertThat(e.code()).isEqualTo(403)).hasMessage(c.error());
        }
    }

    @Test
    void fieldErrorsComeBeforeTheGlobalDefaultCheck() {
        PriorityClassStrategy withDefault = new PriorityClassStrategy(PriorityClassLister.of(List.of(pc("default1", 1, true))));
        assertThat(StrategyHarness.create(withDefault, pc("too-high", 1_000_000_001, true)))
                .extracting(FieldError::field).containsExactly("value");
    }

    @ParameterizedTest
    @CsvSource({"system-node-critical,true", "system-cluster-critical,true", "system-other,false", "tier1,false"})
    void builtInClassesCannotBeDeleted(String name, boolean refused) {
        var stored = Json.MAPPER.<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(pc(name, 1, false));
        if (refused) {
            assertThatThrownBy(() -> strategy.prepareForDelete(stored)).isInstanceOfSatisfying(StatusException.class,
                    e -> assertThat(e.code()).isEqualTo(403)).hasMessage("priorityclasses.scheduling.k8s.io \"" + name
                    + "\" is forbidden: this is a system priority class and cannot be deleted");
        } else {
            assertThatCode(() -> strategy.prepareForDelete(stored)).doesNotThrowAnyException();
        }
    }
}
