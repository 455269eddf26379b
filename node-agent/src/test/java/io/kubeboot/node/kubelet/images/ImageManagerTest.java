package io.kubeboot.node.kubelet.images;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.node.kubelet.Backoff;
import io.kubeboot.node.kubelet.Fixtures;
import io.kubeboot.testkit.ManualClock;
import io.kubeboot.node.kubelet.doubles.TestEvents;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.runtime.simulated.SimulatedRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EnsureImageExists: pull policies, pull failures with back-off (image_manager_test.go TestParallelPuller cases). */
class ImageManagerTest {
    /** Images present in {@code present}; pulls of {@code unpullable} fail; pulls are counted. */
    static final class Runtime extends io.kubeboot.node.kubelet.doubles.DelegatingRuntime {
        final Set<String> present = ConcurrentHashMap.newKeySet();
        final Set<String> unpullable = ConcurrentHashMap.newKeySet();
        final List<String> pulls = new ArrayList<>();

        Runtime() {
            super(new SimulatedRuntime("n"));
        }

        @Override
        public Optional<ImageInfo> inspectImage(String image) {
            return present.contains(image) ? Optional.of(new ImageInfo("sha256:1", List.of(image), 42)) : Optional.empty();
        }

        @Override
        public void pullImage(String image) {
            pulls.add(image);
            if (unpullable.contains(image)) {
                throw new RuntimeOperationException("ErrImagePull", "pull access denied for " + image);
            }
            present.add(image);
        }
    }

    private ManualClock clock;
    private Runtime runtime;
    private TestEvents events;
    private ImageManager images;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(Fixtures.T0);
        runtime = new Runtime();
        events = new TestEvents();
        images = new ImageManager(runtime, events, Backoff.kubeletDefault(clock), clock);
    }

    private static Pod podWith(Container c) {
        return new PodBuilder(Fixtures.pod("Always")).editSpec().withContainers(c).endSpec().build();
    }

    private static Container c(String image, String policy) {
        return new ContainerBuilder().withName("c").withImage(image).withImagePullPolicy(policy).build();
    }

    @Test
    void ifNotPresentUsesALocalImage() {
        runtime.present.add("busybox:1.28");
        Container c = c("busybox:1.28", "IfNotPresent");
        assertThat(images.ensureImageExists(podWith(c), c).repoTags()).containsExactly("busybox:1.28");
        assertThat(runtime.pulls).isEmpty();
        assertThat(events.events).containsExactly("Normal Pulled spec.containers{c}: Container image \"busybox:1.28\" already present on machine");
    }

    @Test
    void alwaysPullsEvenWhenPresentAndAppliesTheDefaultTag() {
        runtime.present.add("busybox:latest");
        Container c = c("busybox", "Always");
        images.ensureImageExists(podWith(c), c);
        assertThat(runtime.pulls).containsExactly("busybox:latest");
        assertThat(events.events.get(0)).isEqualTo("Normal Pulling spec.containers{c}: Pulling image \"busybox\"");
        assertThat(events.events.get(1)).matches("Normal Pulled spec\\.containers\\{c\\}: Successfully pulled image \"busybox\" in .* \\(.* including waiting\\)\\. Image size: 42 bytes\\.");
    }

    @Test
    void neverFailsWhenTheImageIsMissing() {
        Container c = c("busybox:1.28", "Never");
        assertThatThrownBy(() -> images.ensureImageExists(podWith(c), c))
                .isInstanceOf(ImagePullException.class)
                .hasMessage("Container image \"busybox:1.28\" is not present with pull policy of Never")
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo("ErrImageNeverPull");
        assertThat(runtime.pulls).isEmpty();
    }

    @Test
    void aFailedPullIsErrImagePullThenImagePullBackOffUntilTheDelayPasses() {
        runtime.unpullable.add("127.0.0.1:1/nope:1");
        Container c = c("127.0.0.1:1/nope:1", "IfNotPresent");
        Pod p = podWith(c);
        assertThatThrownBy(() -> images.ensureImageExists(p, c)).extracting(e -> ((ImagePullException) e).reason()).isEqualTo("ErrImagePull");
        clock.step(Duration.ofSeconds(5));
        assertThatThrownBy(() -> images.ensureImageExists(p, c))
                .hasMessage("Back-off pulling image \"127.0.0.1:1/nope:1\"")
                .extracting(e -> ((ImagePullException) e).reason()).isEqualTo("ImagePullBackOff");
        assertThat(runtime.pulls).hasSize(1);
        assertThat(events.events).containsExactly(
                "Normal Pulling spec.containers{c}: Pulling image \"127.0.0.1:1/nope:1\"",
                "Warning Failed spec.containers{c}: Failed to pull image \"127.0.0.1:1/nope:1\": pull access denied for 127.0.0.1:1/nope:1",
                "Normal BackOff spec.containers{c}: Back-off pulling image \"127.0.0.1:1/nope:1\"");
        clock.step(Duration.ofSeconds(6));
        assertThatThrownBy(() -> images.ensureImageExists(p, c)).extracting(e -> ((ImagePullException) e).reason()).isEqualTo("ErrImagePull");
        assertThat(runtime.pulls).hasSize(2);
        // the delay doubled to 20 s
        clock.step(Duration.ofSeconds(15));
        assertThatThrownBy(() -> images.ensureImageExists(p, c)).extracting(e -> ((ImagePullException) e).reason()).isEqualTo("ImagePullBackOff");
    }
}
