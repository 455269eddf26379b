package io.kubeboot.controller.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's TestUpdateConditions / TestProcessContentTotals (status_condition_utils_test.go). */
class NamespaceConditionsTest {
    static final String T0 = "2025-01-01T00:00:00Z";
    static final String T1 = "2025-01-01T00:01:00Z";

    static NamespaceCondition cond(String type, String status, String reason, String message, String time) {
        return new NamespaceConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(time).build();
    }

    static NamespaceCondition find(List<NamespaceCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void aCleanPassWritesAllFiveOkConditions() {
        List<NamespaceCondition> out = new NamespaceConditions(T0).update(null);
        assertThat(out).extracting(NamespaceCondition::getType).containsExactlyElementsOf(NamespaceConditions.TYPES);
        assertThat(out).allSatisfy(c -> assertThat(c.getStatus()).isEqualTo("False"));
        assertThat(find(out, NamespaceConditions.DISCOVERY_FAILURE).getReason()).isEqualTo("ResourcesDiscovered");
        assertThat(find(out, NamespaceConditions.GV_PARSING_FAILURE).getMessage()).isEqualTo("All legacy kube types successfully parsed");
        assertThat(find(out, NamespaceConditions.CONTENT_FAILURE).getMessage())
                .isEqualTo("All content successfully deleted, may be waiting on finalization");
        assertThat(find(out, NamespaceConditions.CONTENT_REMAINING).getReason()).isEqualTo("ContentRemoved");
        assertThat(find(out, NamespaceConditions.FINALIZERS_REMAINING).getReason()).isEqualTo("ContentHasNoFinalizers");
        assertThat(find(out, NamespaceConditions.FINALIZERS_REMAINING).getMessage()).isEqualTo("All content-preserving finalizers finished");
    }

    @Test
    void anIdenticalPassChangesNothing() {
        List<NamespaceCondition> first = new NamespaceConditions(T0).update(null);
        assertThat(new NamespaceConditions(T1).update(first)).isNull();
    }

    @Test
    void failuresBecomeTrueConditionsAndKeepUnknownTypes() {
        NamespaceCondition foreign = cond("Other", "True", "R", "M", T0);
        NamespaceConditions c = new NamespaceConditions(T1);
        c.discoveryFailed(1, "unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: boom");
        c.deleteContentFailed("b error");
        c.deleteContentFailed("a error");
        Map<GroupVersionResource, Integer> byResource = new LinkedHashMap<>();
        byResource.put(new GroupVersionResource("", "v1", "pods", Set.of()), 2);
        byResource.put(new GroupVersionResource("apps", "v1", "replicasets", Set.of()), 1);
        c.contentTotals(byResource, Map.of("example.com/b", 1, "example.com/a", 2));
        List<NamespaceCondition> out = c.update(List.of(foreign));

        assertThat(out.get(0)).isEqualTo(foreign);
        assertThat(find(out, NamespaceConditions.DISCOVERY_FAILURE)).satisfies(d -> {
            assertThat(d.getStatus()).isEqualTo("True");
            assertThat(d.getReason()).isEqualTo("DiscoveryFailed");
            assertThat(d.getMessage()).isEqualTo("Discovery failed for some groups, 1 failing: "
                    + "unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: boom");
        });
        assertThat(find(out, NamespaceConditions.CONTENT_FAILURE).getMessage())
                .isEqualTo("Failed to delete all resource types, 2 remaining: a error, b error");
        assertThat(find(out, NamespaceConditions.CONTENT_REMAINING)).satisfies(r -> {
            assertThat(r.getReason()).isEqualTo("SomeResourcesRemain");
            assertThat(r.getMessage()).isEqualTo("Some resources are remaining: pods. has 2 resource instances, "
                    + "replicasets.apps has 1 resource instances");
        });
        assertThat(find(out, NamespaceConditions.FINALIZERS_REMAINING)).satisfies(f -> {
            assertThat(f.getReason()).isEqualTo("SomeFinalizersRemain");
            assertThat(f.getMessage()).isEqualTo("Some content in the namespace has finalizers remaining: "
                    + "example.com/a in 2 resource instances, example.com/b in 1 resource instances");
        });
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStatusFlips() {
        NamespaceConditions failing = new NamespaceConditions(T0);
        failing.deleteContentFailed("x");
        List<NamespaceCondition> before = failing.update(null);

        NamespaceConditions otherMessage = new NamespaceConditions(T1);
        otherMessage.deleteContentFailed("y");
        List<NamespaceCondition> sameStatus = otherMessage.update(before);
        assertThat(find(sameStatus, NamespaceConditions.CONTENT_FAILURE).getLastTransitionTime()).isEqualTo(T0);
        assertThat(find(sameStatus, NamespaceConditions.CONTENT_FAILURE).getMessage()).endsWith(": y");

        List<NamespaceCondition> recovered = new NamespaceConditions(T1).update(before);
        assertThat(find(recovered, NamespaceConditions.CONTENT_FAILURE).getStatus()).isEqualTo("False");
        assertThat(find(recovered, NamespaceConditions.CONTENT_FAILURE).getLastTransitionTime()).isEqualTo(T1);
        assertThat(find(before, NamespaceConditions.CONTENT_FAILURE).getStatus()).as("input not modified").isEqualTo("True");
    }
}
