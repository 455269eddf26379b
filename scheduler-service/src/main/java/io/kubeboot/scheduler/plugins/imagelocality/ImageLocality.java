package io.kubeboot.scheduler.plugins.imagelocality;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.ImageState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.ScorePlugin;

import java.util.List;
import java.util.Map;

/**
 * Favors nodes that already have the pod's images, as upstream's ImageLocality plugin. Each image
 * present counts its size scaled by the share of nodes that have it (so that one popular image does not
 * pull every pod to the same few nodes); the sum, clamped to [23 MiB, 1000 MiB per container], maps
 * linearly onto 0..100. Init containers count too. Scores are already in range: no NormalizeScore.
 * Thread safe.
 */
public final class ImageLocality implements ScorePlugin, EnqueueExtensions {
    public static final String NAME = "ImageLocality";

    static final long MB = 1024L * 1024;
    /** Images smaller than this (compressed, as registries store them) are as good as absent. */
    static final long MIN_THRESHOLD = 23 * MB;
    /** Per container: the sum saturates at this many bytes times the number of containers. */
    static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

    private final Handle handle;

    public ImageLocality(Map<String, Object> args, Handle handle) {
        this.handle = handle;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        int totalNumNodes = handle.snapshot().nodeInfos().size();
        Pod p = pod.pod();
        List<Container> init = p.getSpec() == null || p.getSpec().getInitContainers() == null ? List.of() : p.getSpec().getInitContainers();
        List<Container> app = p.getSpec() == null || p.getSpec().getContainers() == null ? List.of() : p.getSpec().getContainers();
        long sum = sumImageScores(node, init, totalNumNodes) + sumImageScores(node, app, totalNumNodes);
        return calculatePriority(sum, init.size() + app.size());
    }

    /** Upstream {@code calculatePriority}: the clamped sum mapped onto 0..MAX_NODE_SCORE. */
    static long calculatePriority(long sumScores, int numContainers) {
        long maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
        long clamped = sumScores < MIN_THRESHOLD ? MIN_THRESHOLD : Math.min(sumScores, maxThreshold);
        return MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
    }

    private static long sumImageScores(NodeInfo node, List<Container> containers, int totalNumNodes) {
        Map<String, ImageState> images = node.imageStates();
        long sum = 0;
        for (Container c : containers) {
            ImageState s = images.get(normalizedImageName(c.getImage() == null ? "" : c.getImage()));
            if (s != null) {
                sum += scaledImageScore(s, totalNumNodes);
            }
        }
        return sum;
    }

    /** The size times the share of all nodes that have the image (float math truncated, as Go's int64 conversion). */
    static long scaledImageScore(ImageState state, int totalNumNodes) {
        double spread = (double) state.numNodes() / (double) totalNumNodes;
        return (long) ((double) state.sizeBytes() * spread);
    }

    /** Upstream {@code normalizedImageName}: {@code :latest} added when the name has no tag (nor digest). */
    static String normalizedImageName(String name) {
        return name.lastIndexOf(':') <= name.lastIndexOf('/') ? name + ":latest" : name;
    }

    /** A score-only plugin rejects no pod, so no event matters to it. */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of();
    }
}
