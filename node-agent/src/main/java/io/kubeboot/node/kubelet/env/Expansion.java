package io.kubeboot.node.kubelet.env;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Upstream's {@code $(VAR)} expansion (third_party/forked/golang/expansion): {@code $(NAME)} is replaced by the
 * mapping's value, {@code $$} is an escaped {@code $}, an unknown name stays as written ({@code $(NAME)}), and a
 * {@code $} that starts no reference is kept with the character after it. Pure; thread safe.
 */
public final class Expansion {
    private static final char OPERATOR = '$';
    private static final char OPENER = '(';
    private static final char CLOSER = ')';

    private Expansion() {
    }

    /**
     * A mapping that looks a name up in each context in turn and leaves it unexpanded ({@code $(name)}) when none
     * holds it (upstream MappingFuncFor).
     */
    @SafeVarargs
    public static UnaryOperator<String> mappingFor(Map<String, String>... contexts) {
        return name -> {
            for (Map<String, String> vars : contexts) {
                String value = vars.get(name);
                if (value != null) {
                    return value;
                }
            }
            return "" + OPERATOR + OPENER + name + CLOSER;
        };
    }

    /** Expands every reference in {@code input} with {@code mapping}. */
    public static String expand(String input, UnaryOperator<String> mapping) {
        StringBuilder out = new StringBuilder(input.length());
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) != OPERATOR || cursor + 1 >= input.length()) {
                continue;
            }
            out.append(input, checkpoint, cursor);
            int advance;
            char next = input.charAt(cursor + 1);
            if (next == OPERATOR) {
                out.append(OPERATOR);
                advance = 1;
            } else if (next == OPENER) {
                int close = input.indexOf(CLOSER, cursor + 2);
                if (close >= 0) {
                    out.append(mapping.apply(input.substring(cursor + 2, close)));
                    advance = close - cursor;
                } else {
                    // an unterminated reference is kept as written
                    out.append(OPERATOR).append(OPENER);
                    advance = 1;
                }
            } else {
                out.append(OPERATOR).append(next);
                advance = 1;
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        return out.append(input, checkpoint, input.length()).toString();
    }

    /** {@code NAME=value} entries as a map; a later entry wins, as in upstream's envVarsToMap. */
    public static Map<String, String> envMap(List<String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                map.put(entry, "");
            } else {
                map.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return map;
    }
}
