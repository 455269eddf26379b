package io.kubeboot.apiserver.http;

import io.kubeboot.api.errors.ApiErrors;

/** Representation choices from the Accept header (JSON, Table; protobuf answers come back as JSON). */
final class Negotiation {
    private Negotiation() {
    }

    /** kubectl's {@code application/json;as=Table;v=v1;g=meta.k8s.io[,...]}. */
    static boolean wantsTable(String accept) {
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            if (part.contains("as=Table") && part.contains("g=meta.k8s.io")
                    && (part.contains("v=v1;") || part.endsWith("v=v1") || part.contains("v=v1beta1"))) {
                return true;
            }
        }
        return false;
    }

    /** 406 when the client accepts only representations this server cannot produce. */
    static void rejectUnsupported(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String part : accept.split(",")) {
            String p = part.trim();
            boolean plain = !p.contains("as=") && (p.startsWith("application/json") || p.startsWith("*/*")
                    || p.startsWith("application/*") || p.startsWith("application/vnd.kubernetes.protobuf")
                    || p.startsWith("application/yaml"));
            if (plain || wantsTable(p)) {
                return;
            }
        }
        throw ApiErrors.notAcceptable("only the following media types are accepted: application/json, "
                + "application/json;as=Table;v=v1;g=meta.k8s.io");
    }
}
