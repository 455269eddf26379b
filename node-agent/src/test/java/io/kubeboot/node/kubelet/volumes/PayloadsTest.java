package io.kubeboot.node.kubelet.volumes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFileBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream configmap_test TestMakePayload, secret_test TestMakePayload and downwardapi CollectData cases. */
class PayloadsTest {
    private static final ConfigMap CM = new ConfigMapBuilder().withNewMetadata().withName("configmap-name").endMetadata()
            .withData(Map.of("foo", "foo", "bar", "bar")).withBinaryData(Map.of("bin", b64("\u0001\u0002"))).build();
    private static final Secret SECRET = new SecretBuilder().withNewMetadata().withName("secret-name").endMetadata()
            .withData(Map.of("foo", b64("foo"), "bar", b64("bar"))).build();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static FileProjection f(String data, int mode) {
        return new FileProjection(data.getBytes(StandardCharsets.UTF_8), mode);
    }

    private static KeyToPath ktp(String key, String path, Integer mode) {
        return new KeyToPath(key, mode, path, null);
    }

    private record Case(String name, List<KeyToPath> items, Integer defaultMode, boolean optional,
                        Map<String, FileProjection> expected, String error) {
    }

    @Test
    void configMapPayload() {
        List<Case> cases = List.of(
                new Case("no overrides", null, 0644, false,
                        Map.of("foo", f("foo", 0644), "bar", f("bar", 0644), "bin", f("\u0001\u0002", 0644)), null),
                new Case("basic 1", List.of(ktp("foo", "path/to/foo.txt", null)), 0644, false,
                        Map.of("path/to/foo.txt", f("foo", 0644)), null),
                new Case("subdirs", List.of(ktp("foo", "path/to/1/2/3/foo.txt", null)), 0644, false,
                        Map.of("path/to/1/2/3/foo.txt", f("foo", 0644)), null),
                new Case("dots", List.of(ktp("foo", "path/to/..foo.txt", null)), 0644, false,
                        Map.of("path/to/..foo.txt", f("foo", 0644)), null),
                new Case("2 keys", List.of(ktp("foo", "path/to/foo.txt", null), ktp("bar", "another/path/to/bar.txt", null)), 0644, false,
                        Map.of("path/to/foo.txt", f("foo", 0644), "another/path/to/bar.txt", f("bar", 0644)), null),
                new Case("non existent key", List.of(ktp("zab", "path/to/foo.txt", null)), 0644, false, null,
                        "configmap references non-existent config key: zab"),
                new Case("mapping with Mode", List.of(ktp("foo", "foo.txt", 0555), ktp("bar", "bar.bin", 0600)), 0644, false,
                        Map.of("foo.txt", f("foo", 0555), "bar.bin", f("bar", 0600)), null),
                new Case("mapping with defaultMode", List.of(ktp("foo", "foo.txt", null), ktp("bar", "bar.bin", null)), 0644, false,
                        Map.of("foo.txt", f("foo", 0644), "bar.bin", f("bar", 0644)), null),
                new Case("defaultMode unset means 0644", null, null, false,
                        Map.of("foo", f("foo", 0644), "bar", f("bar", 0644), "bin", f("\u0001\u0002", 0644)), null),
                new Case("optional non existent key", List.of(ktp("zab", "path/to/foo.txt", null)), 0644, true, Map.of(), null),
                new Case("binary data by key", List.of(ktp("bin", "b", null)), 0400, false, Map.of("b", f("\u0001\u0002", 0400)), null));
        for (Case c : cases) {
            if (c.error() != null) {
                assertThatThrownBy(() -> Payloads.configMap(c.items(), CM, c.defaultMode(), c.optional())).as(c.name()).hasMessage(c.error());
            } else {
                assertThat(Payloads.configMap(c.items(), CM, c.defaultMode(), c.optional())).as(c.name()).isEqualTo(c.expected());
            }
        }
    }

    @Test
    void secretPayload() {
        List<Case> cases = List.of(
                new Case("no overrides", null, 0644, false, Map.of("foo", f("foo", 0644), "bar", f("bar", 0644)), null),
                new Case("basic 1", List.of(ktp("foo", "path/to/foo.txt", null)), 0644, false, Map.of("path/to/foo.txt", f("foo", 0644)), null),
                new Case("non existent key", List.of(ktp("zab", "path/to/foo.txt", null)), 0644, false, null,
                        "references non-existent secret key: zab"),
                new Case("mapping with Mode", List.of(ktp("foo", "foo.txt", 0400)), 0644, false, Map.of("foo.txt", f("foo", 0400)), null),
                new Case("optional non existent key", List.of(ktp("zab", "p", null)), 0644, true, Map.of(), null));
        for (Case c : cases) {
            if (c.error() != null) {
                assertThatThrownBy(() -> Payloads.secret(c.items(), SECRET, c.defaultMode(), c.optional())).as(c.name()).hasMessage(c.error());
            } else {
                assertThat(Payloads.secret(c.items(), SECRET, c.defaultMode(), c.optional())).as(c.name()).isEqualTo(c.expected());
            }
        }
    }

    @Test
    void downwardApiPayload() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("key1", "value1");
        labels.put("key2", "value2");
        Pod pod = new PodBuilder().withNewMetadata().withName("test_pod_name").withNamespace("test_pod_namespace")
                .withUid("uid-1").withLabels(labels).withAnnotations(Map.of("a", "1")).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources()
                .withRequests(Map.of("memory", new Quantity("64Mi"))).endResources().endContainer().endSpec().build();
        List<DownwardAPIVolumeFile> items = List.of(
                item("labels", "metadata.labels", null), item("annotations", "metadata.annotations", 0400),
                item("podname", "metadata.name", null), item("./ns/namespace", "metadata.namespace", null),
                item("uid", "metadata.uid", null), item("label1", "metadata.labels['key1']", null),
                new DownwardAPIVolumeFileBuilder().withPath("cpu_limit").withResourceFieldRef(
                        new ResourceFieldSelector("c", new Quantity("1m"), "limits.cpu")).build(),
                new DownwardAPIVolumeFileBuilder().withPath("mem_request").withResourceFieldRef(
                        new ResourceFieldSelector("c", new Quantity("1Mi"), "requests.memory")).build());
        Map<String, FileProjection> data = Payloads.downwardApi(items, pod, null, Map.of("cpu", new Quantity("2")));
        assertThat(data).containsExactlyInAnyOrderEntriesOf(Map.of(
                "labels", f("key1=\"value1\"\nkey2=\"value2\"", 0644), "annotations", f("a=\"1\"", 0400),
                "podname", f("test_pod_name", 0644), "ns/namespace", f("test_pod_namespace", 0644),
                "uid", f("uid-1", 0644), "label1", f("value1", 0644), "cpu_limit", f("2000", 0644),
                "mem_request", f("64", 0644)));
    }

    @Test
    void downwardApiErrorsAreAggregated() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().endSpec().build();
        List<DownwardAPIVolumeFile> items = List.of(item("a", "spec.nodeName", null), item("b", "status.podIP", null));
        assertThatThrownBy(() -> Payloads.downwardApi(items, pod, null, Map.of()))
                .hasMessage("[unsupported fieldPath: spec.nodeName, unsupported fieldPath: status.podIP]");
    }

    private static DownwardAPIVolumeFile item(String path, String field, Integer mode) {
        return new DownwardAPIVolumeFileBuilder().withPath(path).withFieldRef(new ObjectFieldSelector("v1", field)).withMode(mode).build();
    }
}
