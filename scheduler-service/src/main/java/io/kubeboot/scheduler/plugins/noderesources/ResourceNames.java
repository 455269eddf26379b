package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.LabelValidation;

/** Resource name classes of upstream's {@code v1helper}. */
final class ResourceNames {
    private static final String NATIVE_PREFIX = "kubernetes.io/";
    private static final String REQUESTS_PREFIX = "requests.";
    private static final FieldPath ROOT = FieldPath.of("");

    private ResourceNames() {
    }

    /**
     * Upstream's {@code IsExtendedResourceName}: domain-qualified outside {@code *kubernetes.io/}, not
     * starting with {@code requests.}, and a qualified name once prefixed with {@code requests.} (as
     * quota names it).
     */
    static boolean isExtended(String name) {
        boolean nativeName = !name.contains("/") || name.contains(NATIVE_PREFIX);
        if (nativeName || name.startsWith(REQUESTS_PREFIX)) {
            return false;
        }
        return LabelValidation.validateLabelName(REQUESTS_PREFIX + name, ROOT).isEmpty();
    }
}
