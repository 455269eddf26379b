package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream fieldpath_test.go TestExtractFieldPathAsString, helpers_test ConvertDownwardAPIFieldLabel and the kubelet's pod fields. */
class FieldRefsTest {
    private static Pod pod() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("builder", "john-doe");
        annotations.put("a.k8s.io/quoted", "say \"hi\"\n");
        return new PodBuilder().withNewMetadata().withName("dapi-test-pod-name").withNamespace("downward-api")
                .withUid("b7a3-uid").withLabels(Map.of("app", "web", "tier", "front")).withAnnotations(annotations)
                .endMetadata().withNewSpec().withNodeName("node-name").withServiceAccountName("special")
                .withRestartPolicy("Always").endSpec().build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            metadata.name                      | dapi-test-pod-name
            metadata.namespace                 | downward-api
            metadata.uid                       | b7a3-uid
            metadata.labels['app']             | web
            metadata.labels['missing']         | ''
            metadata.annotations['builder']    | john-doe
            spec.nodeName                      | node-name
            spec.host                          | node-name
            spec.serviceAccountName            | special
            status.podIP                       | 10.244.1.5
            status.podIPs                      | 10.244.1.5
            status.hostIP                      | 127.0.0.1
            status.hostIPs                     | 127.0.0.1
            metadata.labels                    | 'app="web"\ntier="front"'
            """)
    void envValues(String path, String expected) {
        ObjectFieldSelector ref = new ObjectFieldSelector("v1", path);
        assertThat(FieldRefs.envValue(ref, pod(), "10.244.1.5", "127.0.0.1")).isEqualTo(expected.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            v1 | spec.restartPolicy            | unsupported fieldPath: spec.restartPolicy
            v1 | status.phase                  | unsupported fieldPath: status.phase
            v1 | spec.containers               | field label not supported: spec.containers
            v1 | metadata.name['x']            | field label does not support subscript: metadata.name['x']
            v2 | metadata.name                 | unsupported pod version: v2
            v1 | metadata.labels['bad key']    | invalid key subscript in metadata.labels['bad key']: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
            """)
    void errors(String version, String path, String message) {
        ObjectFieldSelector ref = new ObjectFieldSelector(version, path);
        assertThatThrownBy(() -> FieldRefs.envValue(ref, pod(), "", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void formatMapSortsKeysAndQuotesValuesLikeGo() {
        assertThat(FieldRefs.volumeValue(new ObjectFieldSelector(null, "metadata.annotations"), pod()))
                .isEqualTo("a.k8s.io/quoted=\"say \\\"hi\\\"\\n\"\nbuilder=\"john-doe\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain        | abc       | `"abc"`
            tab          | a\tb      | `"a\\tb"`
            """)
    void goQuote(String name, String input, String expected) {
        assertThat(GoQuote.quote(input.replace("\\t", "\t"))).isEqualTo(expected);
    }
}
