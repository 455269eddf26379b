package io.kubeboot.node.kubelet.images;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.Backoff;
import io.kubeboot.node.kubelet.ContainerReferences;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.kubelet.KubeletEvents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Upstream's image manager ({@code EnsureImageExists}): pulls per the container's imagePullPolicy, with a per
 * pod-and-image back-off after failures, and records the kubelet's image events (Pulling, Pulled, Failed,
 * BackOff, ErrImageNeverPull). Thread safe.
 */
public final class ImageManager {
    public static final String ERR_IMAGE_PULL = "ErrImagePull";
    public static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    public static final String ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";
    public static final String IMAGE_INSPECT_ERROR = "ImageInspectError";

    private final ContainerRuntime runtime;
    private final KubeletEvents events;
    private final Backoff backoff;
    private final Clock clock;

    public ImageManager(ContainerRuntime runtime, KubeletEvents events, Backoff backoff, Clock clock) {
        this.runtime = runtime;
        this.events = events;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Makes the container's image present; returns it as the runtime sees it. */
    public ImageInfo ensureImageExists(Pod pod, Container container) {
        ObjectReference ref = ContainerReferences.container(pod, container);
        String requested = container.getImage();
        String image = ImagePullPolicies.withDefaultTag(requested);
        String policy = ImagePullPolicies.effective(container.getImagePullPolicy(), requested);
        Optional<ImageInfo> present;
        try {
            present = runtime.inspectImage(image);
        } catch (RuntimeOperationException e) {
            String msg = "Failed to inspect image \"" + requested + "\": " + e.getMessage();
            events.event(ref, KubeletEvents.WARNING, "InspectFailed", msg);
            throw new ImagePullException(IMAGE_INSPECT_ERROR, msg);
        }
        if (!ImagePullPolicies.shouldPull(policy, present.isPresent())) {
            if (present.isPresent()) {
                events.event(ref, KubeletEvents.NORMAL, "Pulled", "Container image \"" + requested + "\" already present on machine");
                return present.get();
            }
            String msg = "Container image \"" + requested + "\" is not present with pull policy of Never";
            events.event(ref, KubeletEvents.WARNING, "ErrImageNeverPull", msg);
            throw new ImagePullException(ERR_IMAGE_NEVER_PULL, msg);
        }
        String key = pod.getMetadata().getUid() + "_" + requested;
        if (backoff.isInBackOffSinceUpdate(key, clock.instant())) {
            String msg = "Back-off pulling image \"" + requested + "\"";
            events.event(ref, KubeletEvents.NORMAL, "BackOff", msg);
            throw new ImagePullException(IMAGE_PULL_BACK_OFF, msg);
        }
        events.event(ref, KubeletEvents.NORMAL, "Pulling", "Pulling image \"" + requested + "\"");
        Instant start = clock.instant();
        try {
            runtime.pullImage(image);
        } catch (RuntimeOperationException e) {
            events.event(ref, KubeletEvents.WARNING, "Failed", "Failed to pull image \"" + requested + "\": " + e.getMessage());
            backoff.next(key, clock.instant());
            throw new ImagePullException(ERR_IMAGE_PULL, e.getMessage());
        }
        Duration took = Duration.between(start, clock.instant());
        ImageInfo info = runtime.inspectImage(image).orElseThrow(() -> {
            backoff.next(key, clock.instant());
            return new ImagePullException(ERR_IMAGE_PULL, "image \"" + requested + "\" not present after pull");
        });
        String d = io.kubeboot.node.kubelet.GoDurations.format(Duration.ofMillis(took.toMillis()));
        events.event(ref, KubeletEvents.NORMAL, "Pulled", "Successfully pulled image \"" + requested + "\" in " + d
                + " (" + d + " including waiting). Image size: " + info.sizeBytes() + " bytes.");
        backoff.gc();
        return info;
    }
}
