package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The revision hash changes exactly with the template and the collision count, in the safe alphabet. */
class TemplateHashTest {
    @Test
    void stableForEqualTemplatesAndChangingWithContentOrCollisions() {
        var t1 = Fixtures.simple().getSpec().getTemplate();
        var t2 = new PodTemplateSpecBuilder(t1).build();
        var t3 = new PodTemplateSpecBuilder(t1).editMetadata().addToAnnotations("a", "b").endMetadata().build();
        String h = TemplateHash.compute(t1, null);
        assertThat(TemplateHash.compute(t2, null)).isEqualTo(h);
        assertThat(TemplateHash.compute(t3, null)).isNotEqualTo(h);
        assertThat(TemplateHash.compute(t1, 1)).isNotEqualTo(h).isNotEqualTo(TemplateHash.compute(t1, 2));
        assertThat(h).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    }

    @Test
    void safeEncodeMapsEachCharacter() {
        // upstream rand.SafeEncodeString: '0' (48) -> alphanums[48 % 27] = alphanums[21]
        assertThat(TemplateHash.safeEncode("0")).isEqualTo("4");
        assertThat(TemplateHash.safeEncode("12")).isEqualTo("56");
    }
}
