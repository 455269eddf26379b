package io.kubeboot.node.runtime.docker;

/**
 * Splits an image reference for a pull into repository and tag, defaulting the tag to {@code latest} (the Docker API
 * pulls every tag of a repository when none is given). A digest reference ({@code repo@sha256:...}) is pulled as is.
 */
record ImageReference(String repository, String tag) {
    static ImageReference parse(String image) {
        if (image.contains("@")) {
            return new ImageReference(image, null);
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageReference(image, "latest");
    }
}
