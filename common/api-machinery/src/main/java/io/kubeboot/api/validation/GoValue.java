package io.kubeboot.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A bad value that prints verbatim in a {@link FieldError}, for the places where upstream prints a Go
 * composite value with {@code %#v} rather than a quoted string, e.g.
 * {@code Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`}.
 * The factories render the upstream types the API uses; {@code new GoValue(text)} passes a
 * pre-rendered text. (Go's {@code %v} of decoded JSON, as patch errors print it, is
 * {@code io.kubeboot.api.patch.GoFormat}.)
 */
public record GoValue(String rendered) {

    /** {@code []string{"a", "b"}}; null is the nil slice {@code []string(nil)}, empty is {@code []string{}}. */
    public static GoValue stringSlice(Collection<String> values) {
        if (values == null) {
            return new GoValue("[]string(nil)");
        }
        return new GoValue(values.stream().map(FieldError::quote).collect(Collectors.joining(", ", "[]string{", "}")));
    }

    /** {@code []int32{1, 2}}; an empty list prints as the nil slice {@code []int32(nil)}. */
    public static GoValue int32Slice(List<Integer> values) {
        if (values == null || values.isEmpty()) {
            return new GoValue("[]int32(nil)");
        }
        return new GoValue(values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[]int32{", "}")));
    }

    /** {@code map[string]string{"a":"b"}} with sorted keys; a null or empty map prints as Go's nil map. */
    public static GoValue stringMap(Map<String, String> map) {
        return new GoValue(mapText(map));
    }

    /** {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}; null prints as {@code null}. */
    public static GoValue labelSelector(LabelSelector selector) {
        if (selector == null) {
            return new GoValue("null");
        }
        return new GoValue("v1.LabelSelector{MatchLabels:" + mapText(selector.getMatchLabels())
                + ", MatchExpressions:" + requirements(selector.getMatchExpressions()) + "}");
    }

    /** {@code intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}}; null prints as {@code null}. */
    public static GoValue intOrString(IntOrString v) {
        if (v == null) {
            return new GoValue("null");
        }
        if (v.getStrVal() != null) {
            return new GoValue("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + FieldError.quote(v.getStrVal()) + "}");
        }
        int i = v.getIntVal() == null ? 0 : v.getIntVal();
        return new GoValue("intstr.IntOrString{Type:0, IntVal:" + i + ", StrVal:\"\"}");
    }

    /**
     * A struct with a {@code Type} field and a {@code RollingUpdate} pointer, e.g.
     * {@code apps.DeploymentStrategy}; a set pointer prints as a fixed address.
     */
    public static GoValue typedStrategy(String goType, String type, String pointerType, boolean pointerSet) {
        String ptr = pointerSet ? "(*" + pointerType + ")(0xc000000000)" : "(*" + pointerType + ")(nil)";
        return new GoValue(goType + "{Type:" + FieldError.quote(type == null ? "" : type)
                + ", RollingUpdate:" + ptr + "}");
    }

    @Override
    public String toString() {
        return rendered;
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
                        // fabric8 cannot tell an omitted list from an empty one: both print as nil
                        + ", Values:" + stringSlice(r.getValues() == null || r.getValues().isEmpty()
                                ? null : r.getValues()) + "}")
                .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
