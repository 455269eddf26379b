package io.kubeboot.scheduler.plugins.imagelocality;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.kubeboot.scheduler.framework.ImageState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of {@code nodes} with image states computed as upstream's cache does: per name in
 * {@code status.images[].names}, the image size and on how many nodes that name is present.
 */
final class ImageSnapshots {
    private ImageSnapshots() {
    }

    static Snapshot of(List<Node> nodes) {
        Map<String, Set<String>> nodesByImage = new HashMap<>();
        for (Node n : nodes) {
            for (ContainerImage image : images(n)) {
                for (String name : image.getNames()) {
                    nodesByImage.computeIfAbsent(name, k -> new HashSet<>()).add(n.getMetadata().getName());
                }
            }
        }
        List<NodeInfo> infos = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, ImageState> states = new HashMap<>();
            for (ContainerImage image : images(n)) {
                for (String name : image.getNames()) {
                    states.put(name, new ImageState(image.getSizeBytes(), nodesByImage.get(name).size()));
                }
            }
            NodeInfo info = NodeInfo.of(n);
            info.setImageStates(Map.copyOf(states));
            infos.add(info);
        }
        return new Snapshot(infos, Map.of());
    }

    private static List<ContainerImage> images(Node n) {
        return n.getStatus() == null || n.getStatus().getImages() == null ? List.of() : n.getStatus().getImages();
    }
}
