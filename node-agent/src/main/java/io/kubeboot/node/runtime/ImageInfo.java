package io.kubeboot.node.runtime;

import java.util.List;

/**
 * A local image.
 *
 * @param id        the image ID ({@code sha256:...}); the pod status's {@code imageID} is {@code docker-pullable://}
 *                  or {@code docker://} plus this, as upstream
 * @param repoTags  its names ({@code nginx:1.14.2}); {@code node.status.images[].names}
 * @param sizeBytes its size
 */
public record ImageInfo(String id, List<String> repoTags, long sizeBytes) {
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
    }
}
