package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.validation.Dns;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downward API's {@code fieldRef} values (upstream ConvertDownwardAPIFieldLabel, the kubelet's
 * podFieldSelectorRuntimeValue and fieldpath.ExtractFieldPathAsString). Failures are
 * {@link IllegalArgumentException}s with upstream's message. Pure.
 */
public final class FieldRefs {
    private FieldRefs() {
    }

    /**
     * The value of a fieldRef for an environment variable: metadata.* plus spec.nodeName, spec.serviceAccountName,
     * status.hostIP(s) and status.podIP(s), the IPs as the kubelet knows them (not from the pod's status).
     */
    public static String envValue(ObjectFieldSelector ref, Pod pod, String podIp, String hostIp) {
        String path = convertFieldLabel(ref.getApiVersion(), ref.getFieldPath());
        return switch (path) {
            case "spec.nodeName" -> nullToEmpty(pod.getSpec().getNodeName());
            case "spec.serviceAccountName" -> nullToEmpty(pod.getSpec().getServiceAccountName());
            case "status.hostIP", "status.hostIPs" -> nullToEmpty(hostIp);
            case "status.podIP", "status.podIPs" -> nullToEmpty(podIp);
            default -> extractFieldPathAsString(pod.getMetadata(), path);
        };
    }

    /** The value of a fieldRef in a downwardAPI volume (only metadata fields are allowed there). */
    public static String volumeValue(ObjectFieldSelector ref, Pod pod) {
        return extractFieldPathAsString(pod.getMetadata(), convertFieldLabel(ref.getApiVersion(), ref.getFieldPath()));
    }

    /** Upstream ConvertDownwardAPIFieldLabel: the supported field paths of a v1 Pod. */
    static String convertFieldLabel(String apiVersion, String label) {
        String version = apiVersion == null || apiVersion.isEmpty() ? "v1" : apiVersion;
        if (!"v1".equals(version)) {
            throw new IllegalArgumentException("unsupported pod version: " + version);
        }
        String[] sub = splitMaybeSubscriptedPath(label);
        if (sub != null) {
            if ("metadata.annotations".equals(sub[0]) || "metadata.labels".equals(sub[0])) {
                return label;
            }
            throw new IllegalArgumentException("field label does not support subscript: " + label);
        }
        return switch (label) {
            case "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
                 "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
                 "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs" -> label;
            case "spec.host" -> "spec.nodeName";
            default -> throw new IllegalArgumentException("field label not supported: " + label);
        };
    }

    /** Upstream fieldpath.ExtractFieldPathAsString over the object's metadata. */
    static String extractFieldPathAsString(ObjectMeta meta, String fieldPath) {
        String[] sub = splitMaybeSubscriptedPath(fieldPath);
        if (sub != null) {
            switch (sub[0]) {
                case "metadata.annotations" -> {
                    List<String> errs = Dns.isQualifiedName(sub[1].toLowerCase(Locale.ROOT));
                    if (!errs.isEmpty()) {
                        throw new IllegalArgumentException("invalid key subscript in " + fieldPath + ": " + String.join(";", errs));
                    }
                    return nullToEmpty(map(meta.getAnnotations()).get(sub[1]));
                }
                case "metadata.labels" -> {
                    List<String> errs = Dns.isQualifiedName(sub[1]);
                    if (!errs.isEmpty()) {
                        throw new IllegalArgumentException("invalid key subscript in " + fieldPath + ": " + String.join(";", errs));
                    }
                    return nullToEmpty(map(meta.getLabels()).get(sub[1]));
                }
                default -> throw new IllegalArgumentException("fieldPath \"" + fieldPath + "\" does not support subscript");
            }
        }
        return switch (fieldPath) {
            case "metadata.annotations" -> formatMap(meta.getAnnotations());
            case "metadata.labels" -> formatMap(meta.getLabels());
            case "metadata.name" -> nullToEmpty(meta.getName());
            case "metadata.namespace" -> nullToEmpty(meta.getNamespace());
            case "metadata.uid" -> nullToEmpty(meta.getUid());
            default -> throw new IllegalArgumentException("unsupported fieldPath: " + fieldPath);
        };
    }

    /** Upstream FormatMap: {@code key="value"} lines (value Go-quoted), keys sorted, no trailing newline. */
    public static String formatMap(Map<String, String> m) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(map(m)).entrySet()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(e.getKey()).append('=').append(GoQuote.quote(e.getValue()));
        }
        return out.toString();
    }

    /** {@code path['key']} as {path, key}, else null (upstream SplitMaybeSubscriptedPath). */
    static String[] splitMaybeSubscriptedPath(String fieldPath) {
        if (!fieldPath.endsWith("']")) {
            return null;
        }
        String s = fieldPath.substring(0, fieldPath.length() - 2);
        int open = s.indexOf("['");
        if (open <= 0) {
            return null;
        }
        return new String[]{s.substring(0, open), s.substring(open + 2)};
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
