package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubeboot.controller.deployment.Fixtures.deployment;
import static io.kubeboot.controller.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

/** Upstream TestEqualIgnoreHash, TestFindNewReplicaSet and TestFindOldReplicaSets. */
class TemplateMatcherTest {
    private final TemplateMatcher matcher = new TemplateMatcher(PodTemplateHash.v1_32());

    private static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void equalIgnoreHash() {
        record Case(String name, PodTemplateSpec a, PodTemplateSpec b, boolean equal) {
        }
        List<Case> cases = List.of(
                new Case("same spec, same labels", template(Map.of("something", "else"), "i"), template(Map.of("something", "else"), "i"), true),
                new Case("same spec, only hash label is different",
                        template(Map.of("something", "else", "pod-template-hash", "value-1"), "i"),
                        template(Map.of("something", "else", "pod-template-hash", "value-2"), "i"), true),
                new Case("same spec, the former doesn't have hash label",
                        template(Map.of("something", "else"), "i"),
                        template(Map.of("something", "else", "pod-template-hash", "value-2"), "i"), true),
                new Case("same spec, the label is different, the former doesn't have hash label, same number of labels",
                        template(Map.of("something", "else"), "i"), template(Map.of("pod-template-hash", "value-2"), "i"), false),
                new Case("same spec, the label is different, and the pod-template-hash label value is the same",
                        template(Map.of("something", "else", "pod-template-hash", "v"), "i"),
                        template(Map.of("nothing", "else", "pod-template-hash", "v"), "i"), false),
                new Case("different spec, same labels", template(Map.of("something", "else"), "i"), template(Map.of("something", "else"), "j"), false),
                new Case("an absent field equals its zero value",
                        template(Map.of("a", "b"), "i"),
                        new PodTemplateSpecBuilder(template(Map.of("a", "b"), "i")).editSpec().withHostNetwork(false).endSpec().build(), true));
        for (Case c : cases) {
            assertThat(matcher.equalIgnoreHash(c.a(), c.b())).as(c.name()).isEqualTo(c.equal());
            assertThat(matcher.equalIgnoreHash(c.b(), c.a())).as(c.name() + " (swapped)").isEqualTo(c.equal());
        }
    }

    @Test
    void findNewAndOldReplicaSets() {
        Deployment d = deployment(3, 1, 0);
        ReplicaSet newer = rs("newer", 1, 0, 5);
        newer.getSpec().setTemplate(template(Map.of("app", "nginx", "pod-template-hash", "h2"), "nginx"));
        ReplicaSet oldest = rs("oldest", 1, 0, 1);
        oldest.getSpec().setTemplate(template(Map.of("app", "nginx", "pod-template-hash", "h1"), "nginx"));
        ReplicaSet other = rs("other", 0, 0, 0);
        other.getSpec().setTemplate(template(Map.of("app", "nginx", "pod-template-hash", "h0"), "nginx:old"));
        d.getSpec().setTemplate(template(Map.of("app", "nginx"), "nginx"));

        List<ReplicaSet> list = new ArrayList<>(List.of(newer, other, oldest));
        // two match (kubernetes#40415): the oldest wins
        assertThat(matcher.findNewReplicaSet(d, list)).isSameAs(oldest);
        assertThat(matcher.findOldReplicaSets(d, list)).extracting(r -> r.getMetadata().getName()).containsExactly("other", "newer");
        d.getSpec().setTemplate(template(Map.of("app", "nginx"), "nginx:new"));
        assertThat(matcher.findNewReplicaSet(d, list)).isNull();
        assertThat(matcher.findOldReplicaSets(d, list)).hasSize(3);
    }

    @Test
    void cachedTemplatesFollowTheResourceVersion() {
        Deployment d = deployment(3, 1, 0);
        d.getMetadata().setResourceVersion("10");
        d.getSpec().setTemplate(template(Map.of("app", "nginx"), "nginx"));
        ReplicaSet rs = rs("current", 1, 0, 1);
        rs.getMetadata().setResourceVersion("11");
        rs.getSpec().setTemplate(template(Map.of("app", "nginx", "pod-template-hash", "h1"), "nginx"));
        List<ReplicaSet> list = new ArrayList<>(List.of(rs));
        assertThat(matcher.findNewReplicaSet(d, list)).isSameAs(rs);

        // `kubectl set image` writes a new template, always with a new resourceVersion: the old dump must not be used
        d.getSpec().setTemplate(template(Map.of("app", "nginx"), "nginx:1.16.1"));
        d.getMetadata().setResourceVersion("12");
        assertThat(matcher.findNewReplicaSet(d, list)).isNull();
        rs.getSpec().setTemplate(template(Map.of("app", "nginx", "pod-template-hash", "h1"), "nginx:1.16.1"));
        rs.getMetadata().setResourceVersion("13");
        assertThat(matcher.findNewReplicaSet(d, list)).isSameAs(rs);
    }
}
