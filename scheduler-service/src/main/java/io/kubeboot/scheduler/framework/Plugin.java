package io.kubeboot.scheduler.framework;

/**
 * A scheduler plugin: a name and one or more extension-point interfaces ({@link FilterPlugin},
 * {@link ScorePlugin}, ...), as upstream's {@code framework.Plugin}. Plugins are built per profile by a
 * {@link PluginFactory} registered under their name.
 *
 * <p>Thread safety: Filter and Score are called concurrently for different nodes of the same cycle, so
 * plugins keep per-cycle data in the {@link CycleState}, not in fields.
 */
public interface Plugin {
    String name();
}
