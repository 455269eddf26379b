package io.kubeboot.scheduler.plugins.noderesources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of plugin args given as a JSON-like map (what the scheduler configuration's
 * {@code pluginConfig[].args} decodes to), failing as kube-scheduler's strict decoding does: on unknown
 * fields and on values of the wrong type. {@code apiVersion} and {@code kind} are accepted and ignored.
 */
final class ArgsMap {
    private final Map<String, Object> map;
    private final String path;

    ArgsMap(Map<String, Object> map, String path, Set<String> known) {
        this.map = map == null ? Map.of() : map;
        this.path = path;
        for (String key : this.map.keySet()) {
            if (!known.contains(key) && !(path.isEmpty() && (key.equals("apiVersion") || key.equals("kind")))) {
                throw new IllegalArgumentException("strict decoding error: unknown field \"" + field(key) + "\"");
            }
        }
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw typeError(key, v, "string");
    }

    /** An integer of at most {@code max} in magnitude; 0 when absent (Go's zero value). */
    long integer(String key, long min, long max) {
        Object v = map.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l >= min && l <= max) {
                return l;
            }
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (long) d;
            }
        }
        throw typeError(key, v, max == Integer.MAX_VALUE ? "int32" : "int64");
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            if (!(o instanceof String s)) {
                throw typeError(key, o, "string");
            }
            out.add(s);
        }
        return out;
    }

    /** Elements of a list of objects, each read with {@code known} fields. */
    List<ArgsMap> objects(String key, Set<String> known) {
        List<ArgsMap> out = new ArrayList<>();
        List<Object> l = list(key);
        for (int i = 0; i < l.size(); i++) {
            out.add(new ArgsMap(asMap(key, l.get(i)), field(key) + "[" + i + "]", known));
        }
        return out;
    }

    /** A nested object, or null when absent. */
    ArgsMap object(String key, Set<String> known) {
        Object v = map.get(key);
        return v == null ? null : new ArgsMap(asMap(key, v), field(key), known);
    }

    private List<Object> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw typeError(key, v, "array");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw typeError(key, v, "object");
    }

    private IllegalArgumentException typeError(String key, Object value, String want) {
        return new IllegalArgumentException("cannot unmarshal " + value + " into field \"" + field(key) + "\" of type " + want);
    }
}
