package io.kubeboot.scheduler.plugins.imagelocality;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.testing.SnapshotHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream image_locality_test.go: TestImageLocalityPriority and TestNormalizedImageName. */
class ImageLocalityTest {
    private static final long MB = 1024L * 1024;

    private static Container c(String image) {
        return new ContainerBuilder().withName("c").withImage(image).build();
    }

    private static Pod pod(List<Container> init, List<Container> containers) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().withInitContainers(init).withContainers(containers).endSpec().build();
    }

    private static Pod pod(String... images) {
        return pod(List.of(), Stream.of(images).map(ImageLocalityTest::c).toList());
    }

    private static ContainerImage image(long sizeMb, String... names) {
        return new ContainerImage(List.of(names), sizeMb * MB);
    }

    private static Node node(String name, ContainerImage... images) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withImages(images).endStatus().build();
    }

    private static final ContainerImage[] NODE_40_300_2000 = {
            image(40, "gcr.io/40:latest", "gcr.io/40:v1", "gcr.io/40:v1"),
            image(300, "gcr.io/300:latest", "gcr.io/300:v1"),
            image(2000, "gcr.io/2000:latest")};
    private static final ContainerImage[] NODE_250_10 = {
            image(250, "gcr.io/250:latest"), image(10, "gcr.io/10:latest", "gcr.io/10:v1")};
    private static final ContainerImage[] NODE_600_40_900 = {
            image(600, "gcr.io/600:latest"), image(40, "gcr.io/40:latest"), image(900, "gcr.io/900:latest")};
    private static final ContainerImage[] NODE_300_600_900 = {
            image(300, "gcr.io/300:latest"), image(600, "gcr.io/600:latest"), image(900, "gcr.io/900:latest")};
    private static final ContainerImage[] NODE_4000_30 = {image(4000, "gcr.io/4000:latest"), image(30, "gcr.io/30:latest")};
    private static final ContainerImage[] NODE_20_30_40 = {
            image(20, "gcr.io/20:latest"), image(30, "gcr.io/30:latest"), image(40, "gcr.io/40:latest")};

    static Stream<Arguments> priority() {
        Pod test40250 = pod("gcr.io/40", "gcr.io/250");
        Pod test40300 = pod("gcr.io/40", "gcr.io/300");
        Pod testMinMax = pod("gcr.io/10", "gcr.io/4000");
        Pod test300600900 = pod("gcr.io/300", "gcr.io/600", "gcr.io/900");
        Pod test3040 = pod("gcr.io/30", "gcr.io/40");
        Pod test30Init300 = pod(List.of(c("gcr.io/300")), List.of(c("gcr.io/30")));
        return Stream.of(
                // node2: 100 * (250M/2 - 23M) / (1000M * 2 - 23M) = 5
                arguments("two images spread on two nodes, prefer the larger image one", test40250,
                        List.of(node("node1", NODE_40_300_2000), node("node2", NODE_250_10)), new long[]{0, 5}),
                // node1: 100 * ((40M + 300M)/2 - 23M) / (1000M * 2 - 23M) = 7
                arguments("two images on one node, prefer this node", test40300,
                        List.of(node("node1", NODE_40_300_2000), node("node2", NODE_250_10)), new long[]{7, 0}),
                arguments("if exceed limit, use limit", testMinMax,
                        List.of(node("node1", NODE_4000_30), node("node2", NODE_250_10)), new long[]{100, 0}),
                // node1: 100 * (4000M/3 - 23M) / (1000M * 2 - 23M) = 66
                arguments("if exceed limit, use limit (with node which has no images present)", testMinMax,
                        List.of(node("node1", NODE_4000_30), node("node2", NODE_250_10), node("node3")), new long[]{66, 0, 0}),
                // node1: 100 * (600M * 2/3 + 900M * 2/3 - 23M) / (1000M * 3 - 23M) = 32; node2 adds 300M * 1/3: 36
                arguments("pod with multiple large images, node2 is preferred", test300600900,
                        List.of(node("node1", NODE_600_40_900), node("node2", NODE_300_600_900), node("node3")),
                        new long[]{32, 36, 0}),
                // node1: 100 * (30M + 40M * 1/2 - 23M) / (1000M * 2 - 23M) = 1
                arguments("pod with multiple small images", test3040,
                        List.of(node("node1", NODE_20_30_40), node("node2", NODE_4000_30)), new long[]{1, 0}),
                // node1: 100 * (300M * 1/2 - 23M) / (1000M * 2 - 23M) = 6
                arguments("include InitContainers: two images spread on two nodes, prefer the larger image one", test30Init300,
                        List.of(node("node1", NODE_40_300_2000), node("node2", NODE_20_30_40)), new long[]{6, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void priority(String name, Pod pod, List<Node> nodes, long[] expected) {
        SnapshotHandle handle = new SnapshotHandle(ImageSnapshots.of(nodes));
        ImageLocality plugin = new ImageLocality(Map.of(), handle);
        PodInfo p = PodInfo.of(pod);
        long[] got = handle.snapshot().nodeInfos().stream()
                .mapToLong((NodeInfo n) -> plugin.score(new CycleState(), p, n)).toArray();
        assertThat(got).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "add :latest postfix 1, root, root:latest",
            "add :latest postfix 2, gcr.io:5000/root, gcr.io:5000/root:latest",
            "keep it as is 1, root:tag, root:tag",
            "keep it as is 2, root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2, "
                    + "root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2"})
    void normalizedImageName(String name, String input, String output) {
        assertThat(ImageLocality.normalizedImageName(input)).isEqualTo(output);
    }

    @Test
    void aPodWithoutContainersScoresZero() {
        assertThat(ImageLocality.calculatePriority(0, 0)).isZero();
    }
}
