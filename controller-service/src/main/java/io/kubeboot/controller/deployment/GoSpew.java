package io.kubeboot.controller.deployment;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code k8s.io/utils/dump.ForHash} prints for a Go value: go-spew's {@code %#v} with SortKeys, DisableMethods,
 * DisablePointerAddresses and DisableCapacities, of the Go struct the JSON decodes into (as kube-controller-manager
 * sees it after a protobuf decode: absent, null and empty lists and maps are nil; an empty object for a pointer
 * field is a non-nil pointer to a zero struct).
 *
 * <p>spew's rules that shape the output: a value's type is printed in parentheses ({@code (v1.PodSpec)}) unless it
 * is a slice element, map key or map value; strings print raw (no quotes); nil pointers print {@code (*T)<nil>}, nil
 * slices and maps {@code <nil>}; structs {@code {Field:value Field:value}}; slices {@code [a b]}; maps
 * {@code map[k:v k:v]} with keys sorted; unexported fields (Quantity's) are printed too, because methods are off.
 */
final class GoSpew {
    private final GoTypes types;

    GoSpew(GoTypes types) {
        this.types = types;
    }

    /** The dump of {@code node} read as a value of Go type {@code type} (e.g. "core.PodTemplateSpec"). */
    String dump(String type, JsonNode node) {
        StringBuilder out = new StringBuilder(4096);
        format(type, node, false, out);
        return out.toString();
    }

    private void format(String type, JsonNode node, boolean ignoreType, StringBuilder out) {
        if (type.startsWith("*")) {
            formatPointer(type, node, ignoreType, out);
            return;
        }
        if (!ignoreType) {
            out.append('(').append(display(type)).append(')');
        }
        String kind = kindOf(type);
        switch (kind) {
            case "bool" -> out.append(present(node) && node.asBoolean());
            case "int", "int8", "int16", "int32", "int64" -> out.append(present(node) ? node.asLong() : 0L);
            case "uint", "uint8", "uint16", "uint32", "uint64" ->
                    out.append(present(node) ? Long.toUnsignedString(node.asLong()) : "0");
            case "string" -> out.append(present(node) ? node.asText() : "");
            case "resource.Quantity" -> quantity(node, out);
            case "intstr.IntOrString" -> intOrString(node, out);
            case "meta.Time" -> time(node, out);
            case "meta.FieldsV1" -> fieldsV1(node, out);
            default -> {
                if (kind.startsWith("[]")) {
                    slice(kind.substring(2), node, out);
                } else if (kind.startsWith("map[")) {
                    map(kind, node, out);
                } else {
                    struct(kind, node, out);
                }
            }
        }
    }

    /** spew's formatPtr for a single indirection. */
    private void formatPointer(String type, JsonNode node, boolean ignoreType, StringBuilder out) {
        if (!present(node)) {
            out.append(ignoreType ? "<nil>" : "(" + display(type) + ")<nil>");
            return;
        }
        out.append(ignoreType ? "<*>" : "(" + display(type) + ")");
        format(type.substring(1), node, true, out);
    }

    private void slice(String elem, JsonNode node, StringBuilder out) {
        if (!present(node) || !node.isArray() || node.isEmpty()) {
            out.append("<nil>");
            return;
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            format(elem, node.get(i), true, out);
        }
        out.append(']');
    }

    private void map(String mapType, JsonNode node, StringBuilder out) {
        if (!present(node) || !node.isObject() || node.isEmpty()) {
            out.append("<nil>");
            return;
        }
        int close = matchingBracket(mapType, 3);
        String valueType = mapType.substring(close + 1);
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        // spew SortKeys on string keys: Go string order (bytewise), which is Java's order for BMP text
        keys.sort(String::compareTo);
        out.append("map[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(keys.get(i)).append(':');
            format(valueType, node.get(keys.get(i)), true, out);
        }
        out.append(']');
    }

    private void struct(String type, JsonNode node, StringBuilder out) {
        List<GoTypes.Field> fields = types.struct(type);
        if (fields == null) {
            throw new IllegalArgumentException("unknown Go type " + type);
        }
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            GoTypes.Field f = fields.get(i);
            if (i > 0) {
                out.append(' ');
            }
            out.append(f.goName()).append(':');
            JsonNode value = f.jsonName().isEmpty() ? node : present(node) ? node.get(f.jsonName()) : null;
            format(f.type(), value, false, out);
        }
        out.append('}');
    }

    /** resource.Quantity{i int64Amount; d infDecAmount; s string; Format} as ParseQuantity leaves it. */
    private void quantity(JsonNode node, StringBuilder out) {
        GoQuantity q = present(node) ? GoQuantity.parse(node.asText()) : GoQuantity.ZERO;
        out.append("{i:(resource.int64Amount){value:(int64)").append(q.value())
                .append(" scale:(resource.Scale)").append(q.scale()).append('}');
        out.append(" d:(resource.infDecAmount){Dec:");
        if (q.decUnscaled() == null) {
            out.append("(*inf.Dec)<nil>");
        } else {
            out.append("(*inf.Dec){unscaled:(big.Int){neg:(bool)").append(q.decUnscaled().signum() < 0)
                    .append(" abs:(big.nat)").append(words(q.decUnscaled().abs()))
                    .append("} scale:(inf.Scale)").append(q.decScale()).append('}');
        }
        out.append('}');
        out.append(" s:(string)").append(q.cached());
        out.append(" Format:(resource.Format)").append(q.format()).append('}');
    }

    /** A big.nat: little-endian 64-bit words; nil for zero. */
    private static String words(BigInteger abs) {
        if (abs.signum() == 0) {
            return "<nil>";
        }
        StringBuilder b = new StringBuilder("[");
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger rest = abs;
        boolean first = true;
        while (rest.signum() > 0) {
            if (!first) {
                b.append(' ');
            }
            b.append(rest.and(mask).toString());
            rest = rest.shiftRight(64);
            first = false;
        }
        return b.append(']').toString();
    }

    /** intstr.IntOrString{Type; IntVal; StrVal}: Type 0 for numbers, 1 for strings. */
    private static void intOrString(JsonNode node, StringBuilder out) {
        boolean isString = present(node) && node.isTextual();
        long intVal = present(node) && !isString ? node.asLong() : 0;
        String strVal = isString ? node.asText() : "";
        out.append("{Type:(intstr.Type)").append(isString ? 1 : 0)
                .append(" IntVal:(int32)").append(intVal)
                .append(" StrVal:(string)").append(strVal).append('}');
    }

    /**
     * metav1.Time{time.Time{wall, ext, loc}}. Templates carry the zero time; a set time cannot be rendered as Go
     * would (its *time.Location is the process's local zone), so it is rendered deterministically from its text.
     */
    private static void time(JsonNode node, StringBuilder out) {
        out.append("{Time:(time.Time){wall:(uint64)0 ext:(int64)");
        if (present(node) && !node.asText().isEmpty()) {
            out.append(node.asText().hashCode()).append(" loc:(*time.Location){}}}");
        } else {
            out.append("0 loc:(*time.Location)<nil>}}");
        }
    }

    /** metav1.FieldsV1{Raw []byte}: the raw JSON bytes. */
    private static void fieldsV1(JsonNode node, StringBuilder out) {
        out.append("{Raw:([]uint8)");
        if (!present(node)) {
            out.append("<nil>}");
            return;
        }
        byte[] raw = node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.append('[');
        for (int i = 0; i < raw.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(raw[i] & 0xff);
        }
        out.append("]}");
    }

    /** The kind to render: named types resolve to their underlying type; specials and structs stay. */
    private String kindOf(String type) {
        String t = type;
        String u;
        while ((u = types.underlying(t)) != null) {
            t = u;
        }
        return t;
    }

    /** Go's reflect type string: both v1 packages print as "v1". */
    static String display(String type) {
        return type.replace("core.", "v1.").replace("meta.", "v1.");
    }

    private static int matchingBracket(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced type " + s);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
