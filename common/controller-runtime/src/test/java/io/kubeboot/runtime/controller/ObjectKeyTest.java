package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys in client-go's MetaNamespaceKeyFunc form (cache/store_test.go, SplitMetaNamespaceKey cases). */
class ObjectKeyTest {

    @ParameterizedTest
    @CsvSource(value = {"ns/name,ns,name", "name,'',name", "/name,'',name"})
    void parse(String key, String namespace, String name) {
        assertThat(ObjectKey.parse(key)).isEqualTo(new ObjectKey(namespace, name));
    }

    @Test
    void parseRejectsMoreThanTwoParts() {
        assertThatThrownBy(() -> ObjectKey.parse("a/b/c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected key format: \"a/b/c\"");
    }

    @Test
    void ofObjects() {
        ObjectKey namespaced = ObjectKey.of(new ConfigMapBuilder().withNewMetadata().withNamespace("ns").withName("cm").endMetadata().build());
        ObjectKey cluster = ObjectKey.of(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build());
        assertThat(namespaced.toString()).isEqualTo("ns/cm");
        assertThat(cluster).isEqualTo(new ObjectKey("", "node-1"));
        assertThat(cluster.toString()).isEqualTo("node-1");
        assertThat(ObjectKey.parse(namespaced.toString())).isEqualTo(namespaced);
    }
}
