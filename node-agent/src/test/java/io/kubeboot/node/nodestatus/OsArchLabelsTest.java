package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** upstream updateNode: the stable OS and arch labels are put back when missing or wrong. */
class OsArchLabelsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "linux | amd64 | ''",
            "''    | amd64 | kubernetes.io/os=linux",
            "linux | ''    | kubernetes.io/arch=amd64",
            "windows | arm64 | kubernetes.io/os=linux,kubernetes.io/arch=amd64",
    })
    void missingOrWrongLabels(String os, String arch, String expected) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!os.isEmpty()) {
            labels.put("kubernetes.io/os", os);
        }
        if (!arch.isEmpty()) {
            labels.put("kubernetes.io/arch", arch);
        }
        Map<String, String> fix = NodeStatusUpdater.missingOsArchLabels(new NodeBuilder().withNewMetadata().withName("n")
                .withLabels(labels).endMetadata().build());
        Map<String, String> want = new LinkedHashMap<>();
        if (!expected.isEmpty()) {
            for (String kv : expected.split(",")) {
                want.put(kv.split("=")[0], kv.split("=")[1]);
            }
        }
        assertThat(fix).isEqualTo(want);
    }
}
