package io.kubeboot.controller.manager;

import java.util.Objects;
import java.util.function.Function;

/**
 * A controller the manager can run (upstream's {@code ControllerDescriptor}): its name for {@code --controllers},
 * whether {@code *} includes it, and how to build it.
 */
public record ControllerDescriptor(String name, boolean disabledByDefault, Function<ControllerContext, ManagedController> constructor) {
    public ControllerDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(constructor, "constructor");
    }
}
