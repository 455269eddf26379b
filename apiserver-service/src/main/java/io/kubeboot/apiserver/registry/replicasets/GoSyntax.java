package io.kubeboot.apiserver.registry.replicasets;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kubeboot.api.validation.FieldError;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders bad values of field errors the way Go's {@code %#v} prints the matching upstream types,
 * because kube-apiserver prints composite bad values that way and users compare messages
 * ({@code Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`}).
 *
 * <p>Each method returns an object whose {@code toString()} is the Go text, so it can be passed as a
 * {@link FieldError} bad value unchanged.
 */
public final class GoSyntax {
    private GoSyntax() {
    }

    /** A pre-rendered Go value. */
    public record Value(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code map[string]string{"a":"b"}}; a null or empty map prints as Go's nil map. */
    public static Value stringMap(Map<String, String> map) {
        return new Value(mapText(map));
    }

    /** {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}; null prints as {@code null}. */
    public static Value labelSelector(LabelSelector selector) {
        if (selector == null) {
            return new Value("null");
        }
        return new Value("v1.LabelSelector{MatchLabels:" + mapText(selector.getMatchLabels())
                + ", MatchExpressions:" + requirements(selector.getMatchExpressions()) + "}");
    }

    /** {@code intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}}. */
    public static Value intOrString(IntOrString v) {
        if (v == null) {
            return new Value("null");
        }
        if (v.getStrVal() != null) {
            return new Value("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + FieldError.quote(v.getStrVal()) + "}");
        }
        int i = v.getIntVal() == null ? 0 : v.getIntVal();
        return new Value("intstr.IntOrString{Type:0, IntVal:" + i + ", StrVal:\"\"}");
    }

    /** A struct with a type field and an optional pointer, e.g. {@code apps.DeploymentStrategy}. */
    public static Value typedStrategy(String goType, String type, String pointerType, boolean pointerSet) {
        String ptr = pointerSet ? "(*" + pointerType + ")(0xc000000000)" : "(*" + pointerType + ")(nil)";
        return new Value(goType + "{Type:" + FieldError.quote(type == null ? "" : type)
                + ", RollingUpdate:" + ptr + "}");
    }

    /** {@code []string{"a", "b"}} or {@code []string(nil)}. */
    public static String stringSlice(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "[]string(nil)";
        }
        return values.stream().map(FieldError::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }

    private static String mapText(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return "map[string]string(nil)";
        }
        // Go's fmt prints maps with sorted keys.
        return new TreeMap<>(map).entrySet().stream()
                .map(e -> FieldError.quote(e.getKey()) + ":" + FieldError.quote(e.getValue()))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    private static String requirements(List<LabelSelectorRequirement> reqs) {
        if (reqs == null || reqs.isEmpty()) {
            return "[]v1.LabelSelectorRequirement(nil)";
        }
        return reqs.stream()
                .map(r -> "v1.LabelSelectorRequirement{Key:" + FieldError.quote(nz(r.getKey()))
                        + ", Operator:" + FieldError.quote(nz(r.getOperator()))
                        + ", Values:" + stringSlice(r.getValues()) + "}")
                .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
