package io.kubeboot.api.validation;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * One validation failure on one field, rendered exactly as apimachinery's {@code field.Error} so
 * that kubectl prints the same lines as against Kubernetes: {@code spec.replicas: Invalid value: -1:
 * must be greater than or equal to 0}.
 *
 * @param badValue the offending value (String, Number, Boolean, a collection) or {@link #OMIT}
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

    /** Marker for "do not print the value". */
    public static final Object OMIT = new Object() {
        @Override
        public String toString() {
            return "<omitted>";
        }
    };

    public enum Type {
        NOT_FOUND("Not found", "FieldValueNotFound"),
        REQUIRED("Required value", "FieldValueRequired"),
        DUPLICATE("Duplicate value", "FieldValueDuplicate"),
        INVALID("Invalid value", "FieldValueInvalid"),
        NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"),
        FORBIDDEN("Forbidden", "FieldValueForbidden"),
        TOO_LONG("Too long", "FieldValueTooLong"),
        TOO_MANY("Too many", "FieldValueTooMany"),
        INTERNAL("Internal error", "InternalError"),
        TYPE_INVALID("Invalid value", "FieldValueTypeInvalid");

        private final String text;
        private final String causeReason;

        Type(String text, String causeReason) {
            this.text = text;
            this.causeReason = causeReason;
        }

        public String text() {
            return text;
        }

        /** The {@code reason} of the matching Status cause. */
        public String causeReason() {
            return causeReason;
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, "", detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, "", detail);
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(Type.DUPLICATE, field, value, "");
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(Type.NOT_FOUND, field, value, "");
    }

    public static FieldError tooLong(String field, Object value, int maxLength) {
        return new FieldError(Type.TOO_LONG, field, value,
                "may not be more than " + maxLength + " bytes");
    }

    public static FieldError tooMany(String field, int actual, int max) {
        return new FieldError(Type.TOO_MANY, field, actual, "must have at most " + max + " items");
    }

    public static FieldError notSupported(String field, Object value, Collection<String> supported) {
        String detail = supported == null || supported.isEmpty() ? ""
                : "supported values: " + supported.stream().map(FieldError::quote).collect(Collectors.joining(", "));
        return new FieldError(Type.NOT_SUPPORTED, field, value, detail);
    }

    /** The text after {@code field: }, also used as the Status cause message. */
    public String body() {
        StringBuilder s = new StringBuilder();
        switch (type) {
            case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> s.append(type.text());
            default -> {
                if (badValue == OMIT) {
                    s.append(type.text());
                } else {
                    s.append(type.text()).append(": ").append(formatValue(badValue));
                }
            }
        }
        if (detail != null && !detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }

    private static String formatValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String str) {
            return quote(str);
        }
        return String.valueOf(value);
    }

    /** Go's %q for the characters that occur in API values. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
