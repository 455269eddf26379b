package io.kubeboot.node.kubelet.images;

/** Upstream's image pull policy rules: the default policy of a reference, and whether to pull. */
public final class ImagePullPolicies {
    public static final String ALWAYS = "Always";
    public static final String IF_NOT_PRESENT = "IfNotPresent";
    public static final String NEVER = "Never";

    private ImagePullPolicies() {
    }

    /** The defaulting of {@code imagePullPolicy}: Always for {@code :latest} or no tag (and no digest), else IfNotPresent. */
    public static String defaultPolicy(String image) {
        if (hasDigest(image)) {
            return IF_NOT_PRESENT;
        }
        String tag = tag(image);
        return tag == null || "latest".equals(tag) ? ALWAYS : IF_NOT_PRESENT;
    }

    /** The given policy, or the default for the image when it is empty. */
    public static String effective(String policy, String image) {
        return policy == null || policy.isEmpty() ? defaultPolicy(image) : policy;
    }

    /** Upstream's shouldPullImage. */
    public static boolean shouldPull(String policy, boolean present) {
        return switch (policy) {
            case NEVER -> false;
            case ALWAYS -> true;
            default -> !present;
        };
    }

    /** Upstream's applyDefaultImageTag: {@code :latest} appended when the reference has neither tag nor digest. */
    public static String withDefaultTag(String image) {
        if (hasDigest(image) || tag(image) != null) {
            return image;
        }
        return image + ":latest";
    }

    static boolean hasDigest(String image) {
        return image.contains("@");
    }

    /** The tag of a reference (after the last ':' of its last path component), or null. */
    static String tag(String image) {
        String ref = hasDigest(image) ? image.substring(0, image.indexOf('@')) : image;
        int slash = ref.lastIndexOf('/');
        String last = ref.substring(slash + 1);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? null : last.substring(colon + 1);
    }
}
