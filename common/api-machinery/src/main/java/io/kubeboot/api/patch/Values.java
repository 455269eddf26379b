package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Go's view of decoded JSON values, which the patch algorithms depend on: integers that fit int64
 * are int64 (kube-apiserver decodes with PreserveInts), other numbers float64, and {@code ==} on
 * interface values is true only for the same dynamic type and value.
 */
final class Values {
    enum Tag { MAP, SLICE, STRING, INT64, FLOAT64, BOOL, NIL }

    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    static Tag typeTag(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Tag.NIL;
        }
        if (n.isObject()) {
            return Tag.MAP;
        }
        if (n.isArray()) {
            return Tag.SLICE;
        }
        if (n.isTextual()) {
            return Tag.STRING;
        }
        if (n.isBoolean()) {
            return Tag.BOOL;
        }
        if (isInt64(n)) {
            return Tag.INT64;
        }
        return n.isNumber() ? Tag.FLOAT64 : Tag.STRING;
    }

    static boolean isInt64(JsonNode n) {
        if (!n.isIntegralNumber()) {
            return false;
        }
        BigInteger v = n.bigIntegerValue();
        return v.compareTo(MIN_INT64) >= 0 && v.compareTo(MAX_INT64) <= 0;
    }

    /** Go's {@code ==} on two interface values holding decoded JSON; maps and slices never compare equal. */
    static boolean goEquals(JsonNode a, JsonNode b) {
        Tag ta = typeTag(a);
        if (ta != typeTag(b)) {
            return false;
        }
        return switch (ta) {
            case NIL -> true;
            case STRING -> a.textValue().equals(b.textValue());
            case BOOL -> a.booleanValue() == b.booleanValue();
            case INT64 -> a.longValue() == b.longValue();
            case FLOAT64 -> a.doubleValue() == b.doubleValue();
            case MAP, SLICE -> false;
        };
    }

    /** A hashable stand-in for a scalar, equal exactly when {@link #goEquals} is. */
    static Object key(JsonNode n) {
        Tag t = typeTag(n);
        return switch (t) {
            case NIL -> Tag.NIL;
            case STRING -> "s" + n.textValue();
            case BOOL -> n.booleanValue();
            case INT64 -> n.longValue();
            case FLOAT64 -> n.doubleValue() == 0 ? 0.0d : n.doubleValue();
            case MAP, SLICE -> new Object();
        };
    }

    /** JSON equality where integers and non-integers never match, as comparing the Go encodings does. */
    static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() != b.isIntegralNumber()) {
                return false;
            }
            return a.isIntegralNumber() ? a.bigIntegerValue().equals(b.bigIntegerValue())
                    : new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (var it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!b.has(e.getKey()) || !jsonEquals(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
