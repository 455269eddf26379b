package io.kubeboot.scheduler.queue;

import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.Plugin;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which cluster events each plugin registered (its {@link EnqueueExtensions}), and so which events may
 * make a pod it rejected schedulable. This stands in for upstream's QueueingHint map with every hint
 * answering Queue: a plugin registered for an event always wants its rejected pods retried on it.
 *
 * <p>A plugin without registration cares about every event, as upstream assumes for plugins that do
 * not implement EnqueueExtensions. Every plugin that can reject a pod should be in the map
 * ({@link #of(Collection)} builds it so); a plugin missing from the map is treated as caring about every
 * event that reaches the pod, but events no registered plugin wants are dropped early.
 */
public final class PluginEventRegistry {
    private static final List<ClusterEvent> ALL_EVENTS = List.of(ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ALL));

    private final Map<String, List<ClusterEvent>> events;

    /** @param eventsByPlugin plugin name to registered events; a null list means all events */
    public PluginEventRegistry(Map<String, List<ClusterEvent>> eventsByPlugin) {
        Map<String, List<ClusterEvent>> copy = new HashMap<>();
        eventsByPlugin.forEach((plugin, list) -> copy.put(plugin, list == null ? ALL_EVENTS : List.copyOf(list)));
        this.events = Map.copyOf(copy);
    }

    /** The registrations of these plugins: their EnqueueExtensions events, all events for the others. */
    public static Map<String, List<ClusterEvent>> of(Collection<? extends Plugin> plugins) {
        Map<String, List<ClusterEvent>> map = new HashMap<>();
        for (Plugin p : plugins) {
            map.put(p.name(), p instanceof EnqueueExtensions ext ? ext.eventsToRegister() : ALL_EVENTS);
        }
        return map;
    }

    /** Whether the plugin registered for an event covering {@code event}. */
    public boolean interested(String plugin, ClusterEvent event) {
        List<ClusterEvent> registered = events.get(plugin);
        if (registered == null) {
            return true;
        }
        for (ClusterEvent r : registered) {
            if (r.covers(event)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any plugin may care about the event (upstream's isEventOfInterest). */
    public boolean anyInterested(ClusterEvent event) {
        if (QueueEvents.isWildcard(event)) {
            return true;
        }
        for (List<ClusterEvent> registered : events.values()) {
            for (ClusterEvent r : registered) {
                if (r.covers(event)) {
                    return true;
                }
            }
        }
        return false;
    }
}
