package io.kubeboot.apiserver.registry.namespaces;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeboot.api.validation.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's namespace strategy tests and {@code TestValidateNamespace*}. */
class NamespaceStrategyTest {
    private final NamespaceStrategy strategy = new NamespaceStrategy();

    private Namespace created(String name, List<String> finalizers) {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withFinalizers(finalizers).endSpec().build();
        strategy.prepareForCreate(ns);
        strategy.applyDefaults(ns);
        return ns;
    }

    @Test
    void createSetsPhaseFinalizerAndNameLabel() {
        Namespace ns = created("team-a", null);
        assertThat(ns.getStatus().getPhase()).isEqualTo("Active");
        assertThat(ns.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(ns.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
        assertThat(strategy.validate(ns).list()).isEmpty();
        Namespace withOther = created("team-b", List.of("example.com/cleanup"));
        assertThat(withOther.getSpec().getFinalizers()).containsExactly("example.com/cleanup", "kubernetes");
    }

    @Test
    void namesAreDnsLabels() {
        assertThat(strategy.nameValidator().validate("a.b", false)).containsExactly("must not contain dots");
        assertThat(strategy.nameValidator().validate("team-a", false)).isEmpty();
    }

    @Test
    void finalizerNames() {
        assertErrors(strategy.validate(created("ns", List.of("bogus"))), of(invalid("spec.finalizers")));
        assertThat(strategy.validate(created("ns", List.of("bogus"))).list()).extracting(FieldError::detail)
                .containsExactly("name is neither a standard finalizer name nor is it fully qualified");
        assertErrors(strategy.validateFinalizeUpdate(created("ns", List.of("a/b/c"))), of(invalid("spec.finalizers[0]")));
    }

    @Test
    void updatesKeepFinalizersAndTheNameLabel() {
        Namespace old = created("team-a", null);
        Namespace ns = new NamespaceBuilder(old).editSpec().withFinalizers(List.of()).endSpec()
                .editMetadata().withLabels(java.util.Map.of("env", "prod")).endMetadata().build();
        strategy.prepareForUpdate(ns, old);
        assertThat(ns.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(ns.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a").containsEntry("env", "prod");
        assertErrors(strategy.validateUpdate(ns, old), none());
    }

    @Test
    void statusPhaseFollowsDeletion() {
        Namespace ns = created("team-a", null);
        ns.getStatus().setPhase("Terminating");
        assertErrors(strategy.validateStatusUpdate(ns, ns), of(invalid("status.Phase")));
        ns.getMetadata().setDeletionTimestamp("2024-01-01T00:00:00Z");
        assertErrors(strategy.validateStatusUpdate(ns, ns), none());
        ns.getStatus().setPhase("Active");
        assertErrors(strategy.validateStatusUpdate(ns, ns), of(invalid("status.Phase")));
    }
}
