package io.kubeboot.scheduler.framework;

import java.util.List;

/**
 * Implemented by plugins that can reject pods (PreFilter, Filter, Reserve, Permit): the cluster events
 * after which a pod this plugin rejected is worth retrying. Plugins without it are assumed to care about
 * every event, as upstream does.
 */
public interface EnqueueExtensions {
    List<ClusterEvent> eventsToRegister();
}
