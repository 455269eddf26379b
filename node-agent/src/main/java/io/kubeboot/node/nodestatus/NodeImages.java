package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.kubeboot.node.runtime.ImageInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code node.status.images} as upstream's Images setter: the largest images first, at most
 * {@value #MAX_IMAGES} (nodeStatusMaxImages), each with at most {@value #MAX_NAMES_PER_IMAGE} names. Pure.
 */
public final class NodeImages {
    public static final int MAX_IMAGES = 50;
    public static final int MAX_NAMES_PER_IMAGE = 5;

    private NodeImages() {
    }

    public static List<ContainerImage> of(List<ImageInfo> images) {
        List<ImageInfo> sorted = new ArrayList<>(images);
        sorted.sort(Comparator.comparingLong(ImageInfo::sizeBytes).reversed());
        List<ContainerImage> out = new ArrayList<>();
        for (ImageInfo image : sorted) {
            if (out.size() == MAX_IMAGES) {
                break;
            }
            List<String> names = image.repoTags().stream().filter(n -> !n.equals("<none>:<none>")).toList();
            if (names.size() > MAX_NAMES_PER_IMAGE) {
                names = names.subList(0, MAX_NAMES_PER_IMAGE);
            }
            ContainerImage ci = new ContainerImage();
            ci.setNames(new ArrayList<>(names));
            ci.setSizeBytes(image.sizeBytes());
            out.add(ci);
        }
        return out;
    }
}
