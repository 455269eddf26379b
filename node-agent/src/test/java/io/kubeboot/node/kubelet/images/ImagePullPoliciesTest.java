package io.kubeboot.node.kubelet.images;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Defaulting of imagePullPolicy (pkg/apis/core/v1/defaults.go), shouldPullImage and applyDefaultImageTag (image_manager_test.go). */
class ImagePullPoliciesTest {
    @ParameterizedTest
    @CsvSource({
            "busybox, Always",
            "busybox:latest, Always",
            "busybox:1.28, IfNotPresent",
            "registry.k8s.io/pause:3.10, IfNotPresent",
            "localhost:5000/app, Always",
            "localhost:5000/app:v1, IfNotPresent",
            "busybox@sha256:e9a7c2a0a2e6cfa54fa8a1a0a5a0b9e0b6c0c0ad8a0d3d7b7c0d2d4e5f6a7b8c, IfNotPresent",
    })
    void defaultPolicy(String image, String expected) {
        assertThat(ImagePullPolicies.defaultPolicy(image)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "Always, true, true", "Always, false, true",
            "IfNotPresent, true, false", "IfNotPresent, false, true",
            "Never, true, false", "Never, false, false",
    })
    void shouldPull(String policy, boolean present, boolean expected) {
        assertThat(ImagePullPolicies.shouldPull(policy, present)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "root, root:latest",
            "root:tag, root:tag",
            "root@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, root@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "localhost:5000/root, localhost:5000/root:latest",
    })
    void defaultTag(String image, String expected) {
        assertThat(ImagePullPolicies.withDefaultTag(image)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'', busybox:1.28, IfNotPresent", "Never, busybox, Never", "'', busybox, Always"})
    void effective(String policy, String image, String expected) {
        assertThat(ImagePullPolicies.effective(policy, image)).isEqualTo(expected);
    }
}
