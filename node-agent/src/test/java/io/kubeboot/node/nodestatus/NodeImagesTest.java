package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.kubeboot.node.runtime.ImageInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** upstream TestImagesSetter-style cases: largest first, at most 50 images and 5 names each. */
class NodeImagesTest {
    @Test
    void largestFirst() {
        List<ContainerImage> out = NodeImages.of(List.of(
                new ImageInfo("sha256:a", List.of("busybox:latest"), 100),
                new ImageInfo("sha256:b", List.of("nginx:1.14.2"), 300),
                new ImageInfo("sha256:c", List.of("registry.k8s.io/pause:3.10"), 200)));
        assertThat(out).extracting(ContainerImage::getNames).containsExactly(
                List.of("nginx:1.14.2"), List.of("registry.k8s.io/pause:3.10"), List.of("busybox:latest"));
        assertThat(out).extracting(ContainerImage::getSizeBytes).containsExactly(300L, 200L, 100L);
    }

    @Test
    void atMostFiftyImagesAndFiveNames() {
        List<ImageInfo> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new ImageInfo("sha256:" + i, List.of("img" + i + ":1", "img" + i + ":2", "img" + i + ":3",
                    "img" + i + ":4", "img" + i + ":5", "img" + i + ":6"), i));
        }
        List<ContainerImage> out = NodeImages.of(many);
        assertThat(out).hasSize(NodeImages.MAX_IMAGES);
        assertThat(out.get(0).getSizeBytes()).isEqualTo(59);
        assertThat(out.get(49).getSizeBytes()).isEqualTo(10);
        assertThat(out).allSatisfy(i -> assertThat(i.getNames()).hasSize(NodeImages.MAX_NAMES_PER_IMAGE));
    }

    @Test
    void untaggedImagesHaveNoNames() {
        assertThat(NodeImages.of(List.of(new ImageInfo("sha256:x", List.of("<none>:<none>"), 1))).get(0).getNames()).isEmpty();
    }
}
