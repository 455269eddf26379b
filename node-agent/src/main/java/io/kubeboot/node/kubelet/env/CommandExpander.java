package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Expands {@code $(VAR)} references in a container's command and args with its resolved environment (upstream
 * kubecontainer.ExpandContainerCommandAndArgs): references to variables the environment lacks stay as written,
 * {@code $$} becomes {@code $}. Stateless; thread safe.
 */
public class CommandExpander {

    /** The expanded command, or null when the container has none (the image's entrypoint applies). */
    public List<String> command(Container container, List<String> env) {
        return expandAll(container.getCommand(), env);
    }

    /** The expanded args, or null when the container has none (the image's cmd applies). */
    public List<String> args(Container container, List<String> env) {
        return expandAll(container.getArgs(), env);
    }

    private static List<String> expandAll(List<String> values, List<String> env) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        UnaryOperator<String> mapping = Expansion.mappingFor(Expansion.envMap(env));
        List<String> out = new ArrayList<>(values.size());
        for (String value : values) {
            out.add(Expansion.expand(value, mapping));
        }
        return out;
    }
}
