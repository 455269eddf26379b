package io.kubeboot.node.kubelet.pod;

import java.util.List;
import java.util.Map;

/**
 * Upstream's {@code third_party/forked/golang/expansion}: {@code $(VAR)} in a container's command and args is
 * replaced by the variable's value; {@code $$} is an escaped {@code $}; references to undefined variables and
 * unterminated ones are left as written.
 */
public final class CommandExpansion {
    private CommandExpansion() {
    }

    public static List<String> expand(List<String> values, Map<String, String> env) {
        return values == null || values.isEmpty() ? null : values.stream().map(v -> expand(v, env)).toList();
    }

    public static String expand(String input, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
                out.append(input, checkpoint, cursor);
                Read r = tryReadVariableName(input.substring(cursor + 1));
                if (r.isVar) {
                    String value = env.get(r.name);
                    out.append(value != null ? value : "$(" + r.name + ")");
                } else {
                    out.append(r.name);
                }
                cursor += r.advance;
                checkpoint = cursor + 1;
            }
        }
        return out.append(input.substring(checkpoint)).toString();
    }

    private record Read(String name, boolean isVar, int advance) {
    }

    private static Read tryReadVariableName(String input) {
        char c = input.charAt(0);
        if (c == '$') {
            return new Read("$", false, 1);
        }
        if (c == '(') {
            for (int i = 1; i < input.length(); i++) {
                if (input.charAt(i) == ')') {
                    return new Read(input.substring(1, i), true, i + 1);
                }
            }
            return new Read("$(", false, 1);
        }
        return new Read("$" + c, false, 1);
    }
}
