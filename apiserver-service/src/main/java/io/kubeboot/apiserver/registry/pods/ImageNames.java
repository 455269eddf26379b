package io.kubeboot.apiserver.registry.pods;

/**
 * The tag of an image reference as upstream's {@code parsers.ParseImageName} reports it: the part
 * after the last ':' of the last path component, "latest" when no tag and no digest are given, and
 * "" for digest-only references.
 */
final class ImageNames {
    private ImageNames() {
    }

    static String tag(String image) {
        if (image == null || image.isEmpty()) {
            return "";
        }
        String ref = image.trim();
        int at = ref.indexOf('@');
        String nameAndTag = at >= 0 ? ref.substring(0, at) : ref;
        int slash = nameAndTag.lastIndexOf('/');
        int colon = nameAndTag.lastIndexOf(':');
        if (colon > slash) {
            return nameAndTag.substring(colon + 1);
        }
        return at >= 0 ? "" : "latest";
    }
}
