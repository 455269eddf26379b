package io.kubeboot.scheduler.informers;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.scheduler.cache.SchedulerCache;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.queue.PodChangeEvents;
import io.kubeboot.scheduler.queue.SchedulingQueue;

import java.util.Objects;
import java.util.Set;

/**
 * Feeds informer events into the cache and the queue, as upstream's eventhandlers.go: assigned pods go
 * to the cache, unassigned pods of this scheduler's profiles to the queue, and node (and assigned pod)
 * changes move unschedulable pods back when a plugin that rejected them cares.
 *
 * <p>Called on the informers' threads; the cache and queue are thread safe. Informer objects are never
 * changed.
 */
public final class SchedulerEventHandlers {
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Set<String> schedulerNames;

    public SchedulerEventHandlers(SchedulerCache cache, SchedulingQueue queue, Set<String> schedulerNames) {
        this.cache = cache;
        this.queue = queue;
        this.schedulerNames = Set.copyOf(schedulerNames);
    }

    static boolean assigned(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private boolean responsibleFor(Pod pod) {
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return schedulerNames.contains(name == null || name.isEmpty() ? "default-scheduler" : name);
    }

    public ResourceEventHandler<Pod> pods() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (assigned(pod)) {
                    cache.addPod(pod);
                    queue.assignedPodAdded(pod);
                } else if (responsibleFor(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
                    queue.add(PodInfo.of(pod));
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                boolean wasAssigned = assigned(oldPod);
                boolean isAssigned = assigned(newPod);
                if (isAssigned) {
                    if (!wasAssigned) {
                        // bound (by us or by someone else): it leaves the queue and enters the cache
                        if (responsibleFor(oldPod)) {
                            queue.delete(oldPod);
                        }
                        cache.addPod(newPod);
                        queue.assignedPodAdded(newPod);
                    } else {
                        cache.updatePod(oldPod, newPod);
                        for (ClusterEvent e : PodChangeEvents.of(oldPod, newPod)) {
                            queue.assignedPodUpdated(oldPod, newPod, e);
                        }
                    }
                    return;
                }
                if (!responsibleFor(newPod)) {
                    return;
                }
                if (Objects.equals(oldPod.getMetadata().getResourceVersion(), newPod.getMetadata().getResourceVersion())) {
                    return; // a resync
                }
                if (cache.isAssumed(newPod)) {
                    return; // our own status writes on a pod whose binding is in flight
                }
                if (newPod.getMetadata().getDeletionTimestamp() != null) {
                    queue.delete(newPod);
                    return;
                }
                queue.update(PodInfo.of(oldPod), PodInfo.of(newPod));
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                if (assigned(pod)) {
                    cache.removePod(pod);
                    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.DELETE), pod, null);
                } else if (responsibleFor(pod)) {
                    queue.delete(pod);
                    if (cache.isAssumed(pod)) {
                        cache.forgetPod(pod);
                    }
                    String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
                    if (nominated != null && !nominated.isEmpty()) {
                        // the room it was promised is free again
                        queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Resource.UNSCHEDULED_POD, ClusterEvent.DELETE), pod, null);
                    }
                }
            }
        };
    }

    public ResourceEventHandler<Node> nodes() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.addNode(node);
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD), null, node);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                cache.updateNode(newNode);
                int actions = NodeChangeEvents.actions(oldNode, newNode);
                if (actions != 0) {
                    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Resource.NODE, actions), oldNode, newNode);
                }
            }

            @Override
            public void onDelete(Node node, boolean deletedFinalStateUnknown) {
                cache.removeNode(node);
            }
        };
    }

    public ResourceEventHandler<Namespace> namespaces() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                cache.setNamespaceLabels(ns.getMetadata().getName(), ns.getMetadata().getLabels());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                cache.setNamespaceLabels(newNs.getMetadata().getName(), newNs.getMetadata().getLabels());
            }

            @Override
            public void onDelete(Namespace ns, boolean deletedFinalStateUnknown) {
                cache.setNamespaceLabels(ns.getMetadata().getName(), null);
            }
        };
    }
}
