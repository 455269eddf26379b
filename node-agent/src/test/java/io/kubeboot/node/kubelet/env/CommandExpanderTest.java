package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream kubecontainer helpers_test TestExpandCommandAndArgs. */
class CommandExpanderTest {
    private static final List<String> ENV = List.of("foo=bar", "baz=blah");
    private final CommandExpander expander = new CommandExpander();

    private record Case(String name, List<String> command, List<String> args, List<String> expectedCommand,
                        List<String> expectedArgs) {
    }

    @Test
    void expandsCommandAndArgs() {
        List<Case> cases = List.of(
                new Case("none", null, null, null, null),
                new Case("command expanded", List.of("foo", "$(foo)", "$(baz)"), null, List.of("foo", "bar", "blah"), null),
                new Case("args expanded", null, List.of("zap", "$(foo)", "$(baz)"), null, List.of("zap", "bar", "blah")),
                new Case("both expanded", List.of("$(foo)"), List.of("$(baz)", "$(foo)"), List.of("bar"), List.of("blah", "bar")),
                new Case("escaped and unknown", List.of("$$(foo)", "$(missing)"), List.of(), List.of("$(foo)", "$(missing)"), null));
        for (Case c : cases) {
            Container container = new ContainerBuilder().withName("c").withCommand(c.command()).withArgs(c.args()).build();
            assertThat(expander.command(container, ENV)).as(c.name()).isEqualTo(c.expectedCommand());
            assertThat(expander.args(container, ENV)).as(c.name()).isEqualTo(c.expectedArgs());
        }
    }
}
