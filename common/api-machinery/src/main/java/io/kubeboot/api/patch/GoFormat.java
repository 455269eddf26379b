package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Go's {@code fmt} rendering of decoded JSON values ({@code map[string]interface{}}, {@code []interface{}},
 * int64, float64, string, bool, nil), which kube-apiserver embeds in patch error messages:
 * {@code %v} ({@link #v}), {@code %s} ({@link #s}) and {@code reflect.TypeOf(x).String()}
 * ({@link #typeName}). Stateless.
 */
public final class GoFormat {
    private GoFormat() {
    }

    /** {@code %v}: maps as {@code map[k:v ...]} with sorted keys, slices as {@code [a b]}, nil as {@code <nil>}. */
    public static String v(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "<nil>";
        }
        if (n.isContainerNode()) {
            return composite(n, GoFormat::v);
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (Values.isInt64(n)) {
            return n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            return float64(n.doubleValue());
        }
        return n.asText();
    }

    /** {@code %v} of a list of slices, as {@code fmt.Sprint([][]interface{}{...})} prints it. */
    public static String slices(List<List<JsonNode>> slices) {
        StringJoiner outer = new StringJoiner(" ", "[", "]");
        for (List<JsonNode> s : slices) {
            StringJoiner inner = new StringJoiner(" ", "[", "]");
            s.forEach(e -> inner.add(v(e)));
            outer.add(inner.toString());
        }
        return outer.toString();
    }

    /** {@code %s}: strings verbatim; other scalars as Go's bad-verb form, e.g. {@code %!s(int64=5)}. */
    public static String s(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "%!s(<nil>)";
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isContainerNode()) {
            return composite(n, GoFormat::s);
        }
        return "%!s(" + typeName(n) + "=" + v(n) + ")";
    }

    /** {@code reflect.TypeOf(x).String()} of a decoded JSON value; Go prints a nil type with %s as {@code %!s(<nil>)}. */
    public static String typeName(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "%!s(<nil>)";
        }
        return switch (Values.typeTag(n)) {
            case MAP -> "map[string]interface {}";
            case SLICE -> "[]interface {}";
            case STRING -> "string";
            case INT64 -> "int64";
            case FLOAT64 -> "float64";
            case BOOL -> "bool";
            case NIL -> "%!s(<nil>)";
        };
    }

    /** Go's {@code %v} of a float64 (strconv %g, shortest): exponent form below 1e-4 and from 1e6 on. */
    static String float64(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - b.scale();
        String sign = b.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int abs = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (abs < 10 ? "0" + abs : String.valueOf(abs));
        }
        return sign + b.abs().toPlainString();
    }

    /** A map ({@code map[k:v ...]}, keys sorted) or slice ({@code [a b]}) with each element printed by {@code verb}. */
    private static String composite(JsonNode n, Function<JsonNode, String> verb) {
        if (n.isObject()) {
            StringJoiner j = new StringJoiner(" ", "map[", "]");
            for (String k : sortedKeys(n)) {
                j.add(k + ":" + verb.apply(n.get(k)));
            }
            return j.toString();
        }
        StringJoiner j = new StringJoiner(" ", "[", "]");
        n.forEach(e -> j.add(verb.apply(e)));
        return j.toString();
    }

    /** Keys of an object in the order Go's fmt prints them. */
    static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            keys.add(it.next().getKey());
        }
        keys.sort(null);
        return keys;
    }
}
