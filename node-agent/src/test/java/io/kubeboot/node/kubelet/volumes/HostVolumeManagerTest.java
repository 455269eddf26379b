package io.kubeboot.node.kubelet.volumes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.kubelet.env.MapObjectLookup;
import io.kubeboot.node.runtime.ContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The volume plugins end to end on a temp root folder, and upstream makeMounts' cases for volumeMounts. */
class HostVolumeManagerTest {
    @TempDir
    Path root;

    private final MapObjectLookup lookup = new MapObjectLookup()
            .configMap("ns", "special-config", Map.of("special.how", "very", "other", "x"))
            .secret("ns", "creds", Map.of("username", "admin", "password", "s3cr3t"));

    private HostVolumeManager manager() {
        return new HostVolumeManager(root, lookup, "node-1");
    }

    private static Pod pod(List<Volume> volumes, Container... containers) {
        return new PodBuilder().withNewMetadata().withName("pod").withNamespace("ns").withUid("uid-1")
                .withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withVolumes(volumes).withContainers(containers).endSpec()
                .withNewStatus().withPodIP("10.244.1.5").withHostIP("127.0.0.1").endStatus().build();
    }

    @Test
    void setsUpEveryPluginWithUpstreamLayout() throws IOException {
        String hostDir = root.resolve("host/data").toString();
        Pod pod = pod(List.of(
                new VolumeBuilder().withName("cache").withNewEmptyDir().withMedium("Memory").endEmptyDir().build(),
                new VolumeBuilder().withName("host").withNewHostPath().withPath(hostDir).withType("DirectoryOrCreate").endHostPath().build(),
                new VolumeBuilder().withName("config").withNewConfigMap().withName("special-config")
                        .withItems(new KeyToPath("special.how", 0400, "how", null)).endConfigMap().build(),
                new VolumeBuilder().withName("secret").withNewSecret().withSecretName("creds").endSecret().build(),
                new VolumeBuilder().withName("podinfo").withNewDownwardAPI().addNewItem().withPath("labels")
                        .withNewFieldRef("v1", "metadata.labels").endItem().endDownwardAPI().build(),
                new VolumeBuilder().withName("all").withNewProjected().withSources(
                        new VolumeProjectionBuilder().withNewConfigMap().withName("special-config").endConfigMap().build(),
                        new VolumeProjectionBuilder().withNewSecret().withName("creds").endSecret().build(),
                        new VolumeProjectionBuilder().withNewServiceAccountToken().withPath("token").endServiceAccountToken().build())
                        .endProjected().build()));
        manager().setUpPod(pod);

        Path volumes = root.resolve("pods/uid-1/volumes");
        assertThat(volumes.resolve("kubernetes.io~empty-dir/cache")).isDirectory();
        assertThat(AtomicWriter.modeOf(volumes.resolve("kubernetes.io~empty-dir/cache"))).isEqualTo(0777);
        assertThat(Path.of(hostDir)).isDirectory();
        assertThat(Files.readString(volumes.resolve("kubernetes.io~configmap/config/how"))).isEqualTo("very");
        assertThat(volumes.resolve("kubernetes.io~configmap/config/other")).doesNotExist();
        assertThat(AtomicWriter.modeOf(volumes.resolve("kubernetes.io~configmap/config/how").toRealPath())).isEqualTo(0400);
        assertThat(Files.readString(volumes.resolve("kubernetes.io~secret/secret/password"))).isEqualTo("s3cr3t");
        assertThat(Files.readString(volumes.resolve("kubernetes.io~downward-api/podinfo/labels"))).isEqualTo("app=\"web\"");
        Path projected = volumes.resolve("kubernetes.io~projected/all");
        assertThat(Files.readString(projected.resolve("special.how"))).isEqualTo("very");
        assertThat(Files.readString(projected.resolve("username"))).isEqualTo("admin");
        assertThat(projected.resolve("token")).doesNotExist();

        // a changed ConfigMap shows up on the next sync
        lookup.configMap("ns", "special-config", Map.of("special.how", "extremely"));
        manager().setUpPod(pod);
        assertThat(Files.readString(volumes.resolve("kubernetes.io~configmap/config/how"))).isEqualTo("extremely");

        manager().tearDownPod("uid-1");
        assertThat(root.resolve("pods/uid-1")).doesNotExist();
        assertThat(Path.of(hostDir)).isDirectory();
        manager().tearDownPod("uid-1");
    }

    @Test
    void setUpFailures() {
        record Case(String name, Volume volume, String message) {
        }
        List<Case> cases = List.of(
                new Case("missing configmap", new VolumeBuilder().withName("config-volume").withNewConfigMap()
                        .withName("nope").endConfigMap().build(),
                        "MountVolume.SetUp failed for volume \"config-volume\" : configmap \"nope\" not found"),
                new Case("missing secret", new VolumeBuilder().withName("s").withNewSecret().withSecretName("nope").endSecret().build(),
                        "MountVolume.SetUp failed for volume \"s\" : secret \"nope\" not found"),
                new Case("missing key", new VolumeBuilder().withName("c").withNewConfigMap().withName("special-config")
                        .withItems(new KeyToPath("zab", null, "p", null)).endConfigMap().build(),
                        "MountVolume.SetUp failed for volume \"c\" : configmap references non-existent config key: zab"),
                new Case("hostPath type", new VolumeBuilder().withName("h").withNewHostPath().withPath("/nonexistent-kubeboot-path")
                        .withType("Directory").endHostPath().build(),
                        "MountVolume.SetUp failed for volume \"h\" : hostPath type check failed: /nonexistent-kubeboot-path does not exist"),
                new Case("projected with two missing sources", new VolumeBuilder().withName("p").withNewProjected().withSources(
                        new VolumeProjectionBuilder().withNewConfigMap().withName("a").endConfigMap().build(),
                        new VolumeProjectionBuilder().withNewSecret().withName("b").endSecret().build()).endProjected().build(),
                        "MountVolume.SetUp failed for volume \"p\" : [configmap \"a\" not found, secret \"b\" not found]"),
                new Case("unsupported type", new VolumeBuilder().withName("pvc").withNewPersistentVolumeClaim()
                        .withClaimName("claim").endPersistentVolumeClaim().build(),
                        "MountVolume.SetUp failed for volume \"pvc\" : volume type is not supported by this kubelet"));
        for (Case c : cases) {
            assertThatThrownBy(() -> manager().setUpPod(pod(List.of(c.volume()))))
                    .as(c.name()).isInstanceOfSatisfying(KubeletException.class, e -> assertThat(e.reason()).isEqualTo("FailedMount"))
                    .hasMessage(c.message());
        }
    }

    @Test
    void optionalMissingSourcesGiveEmptyVolumes() {
        Pod pod = pod(List.of(
                new VolumeBuilder().withName("c").withNewConfigMap().withName("nope").withOptional(true).endConfigMap().build(),
                new VolumeBuilder().withName("s").withNewSecret().withSecretName("nope").withOptional(true).endSecret().build()));
        manager().setUpPod(pod);
        assertThat(root.resolve("pods/uid-1/volumes/kubernetes.io~configmap/c/..data")).exists();
        assertThat(root.resolve("pods/uid-1/volumes/kubernetes.io~secret/s/..data")).exists();
    }

    @Test
    void mounts() {
        List<Volume> volumes = List.of(
                new VolumeBuilder().withName("cache").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("host").withNewHostPath().withPath("/tmp").endHostPath().build(),
                new VolumeBuilder().withName("config").withNewConfigMap().withName("special-config").endConfigMap().build());
        Path empty = root.resolve("pods/uid-1/volumes/kubernetes.io~empty-dir/cache");
        Path config = root.resolve("pods/uid-1/volumes/kubernetes.io~configmap/config");
        record Case(String name, VolumeMount mount, ContainerSpec.Mount expected) {
        }
        List<Case> cases = List.of(
                new Case("emptyDir read-write", mount("cache", "/cache", null, null, null),
                        new ContainerSpec.Mount(empty.toString(), "/cache", false)),
                new Case("readOnly honoured", mount("cache", "/cache", true, null, null),
                        new ContainerSpec.Mount(empty.toString(), "/cache", true)),
                new Case("hostPath is the path itself", mount("host", "/host", false, null, null),
                        new ContainerSpec.Mount("/tmp", "/host", false)),
                new Case("configMap always read-only", mount("config", "/etc/config", false, null, null),
                        new ContainerSpec.Mount(config.toString(), "/etc/config", true)),
                new Case("relative mountPath made absolute", mount("cache", "data", null, null, null),
                        new ContainerSpec.Mount(empty.toString(), "/data", false)),
                new Case("subPath created", mount("cache", "/sub", null, "a/b", null),
                        new ContainerSpec.Mount(empty.resolve("a/b").toString(), "/sub", false)),
                new Case("subPath of a configMap key", mount("config", "/etc/how", null, "special.how", null),
                        new ContainerSpec.Mount(config.resolve("special.how").toString(), "/etc/how", true)),
                new Case("subPathExpr expanded with env", mount("cache", "/logs", null, null, "logs/$(POD_NAME)"),
                        new ContainerSpec.Mount(empty.resolve("logs/pod").toString(), "/logs", false)));
        HostVolumeManager manager = manager();
        for (Case c : cases) {
            Container container = new ContainerBuilder().withName("c").withVolumeMounts(c.mount())
                    .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef("v1", "metadata.name").endValueFrom().endEnv().build();
            Pod pod = pod(volumes, container);
            manager.setUpPod(pod);
            // the kubelet passes the container's resolved environment (POD_NAME from its fieldRef)
            assertThat(manager.mountsFor(pod, container, List.of("POD_NAME=pod"))).as(c.name()).containsExactly(c.expected());
        }
        assertThat(empty.resolve("a/b")).isDirectory();
    }

    @Test
    void mountErrors() {
        List<Volume> volumes = List.of(new VolumeBuilder().withName("cache").withNewEmptyDir().endEmptyDir().build());
        record Case(String name, VolumeMount mount, List<String> env, String message) {
        }
        List<Case> cases = List.of(
                new Case("unknown volume", mount("nope", "/x", null, null, null), List.of(),
                        "cannot find volume \"nope\" to mount into container \"c\""),
                new Case("absolute subPath", mount("cache", "/x", null, "/etc", null), List.of(),
                        "error SubPath `/etc` must not be an absolute path"),
                new Case("subPath with backsteps", mount("cache", "/x", null, "a/../../etc", null), List.of(),
                        "unable to provision SubPath `a/../../etc`: must not contain '..'"),
                new Case("subPathExpr missing values", mount("cache", "/x", null, null, "$(B)/$(A)/$(EMPTY)"), List.of("EMPTY="),
                        "missing value for A, B, EMPTY"));
        HostVolumeManager manager = manager();
        for (Case c : cases) {
            Container container = new ContainerBuilder().withName("c").withVolumeMounts(c.mount()).build();
            Pod pod = pod(volumes, container);
            manager.setUpPod(pod);
            assertThatThrownBy(() -> manager.mountsFor(pod, container, c.env())).as(c.name())
                    .isInstanceOfSatisfying(KubeletException.class, e -> assertThat(e.reason()).isEqualTo("CreateContainerConfigError"))
                    .hasMessage(c.message());
        }
    }

    @Test
    void subPathSymlinkOutOfTheVolumeIsRefused() throws IOException {
        List<Volume> volumes = List.of(new VolumeBuilder().withName("cache").withNewEmptyDir().endEmptyDir().build());
        Container container = new ContainerBuilder().withName("c").withVolumeMounts(mount("cache", "/x", null, "evil", null)).build();
        Pod pod = pod(volumes, container);
        manager().setUpPod(pod);
        Path empty = root.resolve("pods/uid-1/volumes/kubernetes.io~empty-dir/cache");
        Files.createSymbolicLink(empty.resolve("evil"), Path.of("/etc"));
        assertThatThrownBy(() -> manager().mountsFor(pod, container, List.of()))
                .isInstanceOf(KubeletException.class).hasMessageContaining("not within volume path");
    }

    private static VolumeMount mount(String name, String path, Boolean readOnly, String subPath, String subPathExpr) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly).withSubPath(subPath)
                .withSubPathExpr(subPathExpr).build();
    }
}
