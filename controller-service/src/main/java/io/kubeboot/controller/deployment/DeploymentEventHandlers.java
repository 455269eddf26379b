package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Upstream's informer handlers of the Deployment controller; they only enqueue Deployment keys.
 * <ul>
 *   <li>Deployments: every add, update and delete.</li>
 *   <li>ReplicaSets: the controlling Deployment (a changed controller ref wakes the old one too); an orphan wakes
 *   every Deployment whose selector matches its labels (adoption); one being deleted counts as deleted.</li>
 *   <li>Pods: only deletions, and only for a Recreate Deployment that has no pods left (it waits for that).</li>
 * </ul>
 */
final class DeploymentEventHandlers {
    private DeploymentEventHandlers() {
    }

    static ResourceEventHandler<Deployment> deployments(RateLimitingQueue<ObjectKey> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                queue.add(ObjectKey.of(d));
            }

            @Override
            public void onUpdate(Deployment old, Deployment cur) {
                queue.add(ObjectKey.of(cur));
            }

            @Override
            public void onDelete(Deployment d, boolean deletedFinalStateUnknown) {
                if (d != null) {
                    queue.add(ObjectKey.of(d));
                }
            }
        };
    }

    /**
     * @param resolve  upstream resolveControllerRef: the cached Deployment a controller ref names (same uid), or null
     * @param matching upstream getDeploymentsForReplicaSet: the Deployments whose selector matches an orphan's labels
     */
    static ResourceEventHandler<ReplicaSet> replicaSets(RateLimitingQueue<ObjectKey> queue,
            BiFunction<String, OwnerReference, Deployment> resolve, Function<ReplicaSet, List<Deployment>> matching) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                if (rs.getMetadata().getDeletionTimestamp() != null) {
                    // on restart the informer may see an object already pending deletion
                    onDelete(rs, false);
                    return;
                }
                OwnerReference ref = PodControllerRefManager.controllerOf(rs);
                if (ref != null) {
                    enqueue(resolve.apply(rs.getMetadata().getNamespace(), ref));
                    return;
                }
                matching.apply(rs).forEach(this::enqueue);
            }

            @Override
            public void onUpdate(ReplicaSet old, ReplicaSet cur) {
                if (old == null) {
                    onAdd(cur);
                    return;
                }
                if (Objects.equals(cur.getMetadata().getResourceVersion(), old.getMetadata().getResourceVersion())) {
                    // periodic resync: both versions are the same
                    return;
                }
                OwnerReference curRef = PodControllerRefManager.controllerOf(cur);
                OwnerReference oldRef = PodControllerRefManager.controllerOf(old);
                boolean refChanged = !Objects.equals(curRef, oldRef);
                if (refChanged && oldRef != null) {
                    enqueue(resolve.apply(old.getMetadata().getNamespace(), oldRef));
                }
                if (curRef != null) {
                    enqueue(resolve.apply(cur.getMetadata().getNamespace(), curRef));
                    return;
                }
                boolean labelsChanged = !Objects.equals(cur.getMetadata().getLabels(), old.getMetadata().getLabels());
                if (labelsChanged || refChanged) {
                    matching.apply(cur).forEach(this::enqueue);
                }
            }

            @Override
            public void onDelete(ReplicaSet rs, boolean deletedFinalStateUnknown) {
                if (rs == null) {
                    return;
                }
                OwnerReference ref = PodControllerRefManager.controllerOf(rs);
                if (ref != null) {
                    enqueue(resolve.apply(rs.getMetadata().getNamespace(), ref));
                }
            }

            private void enqueue(Deployment d) {
                if (d != null) {
                    queue.add(ObjectKey.of(d));
                }
            }
        };
    }

    /**
     * @param deploymentForPod upstream getDeploymentForPod: via the pod's ReplicaSet to its Deployment, or null
     * @param hasNoPods        whether a Deployment has no pods left in its ReplicaSets
     */
    static ResourceEventHandler<Pod> pods(RateLimitingQueue<ObjectKey> queue, Function<Pod, Deployment> deploymentForPod,
            Predicate<Deployment> hasNoPods) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
            }

            @Override
            public void onUpdate(Pod old, Pod cur) {
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                if (pod == null) {
                    return;
                }
                Deployment d = deploymentForPod.apply(pod);
                if (d != null && DeploymentSpecs.RECREATE.equals(DeploymentSpecs.strategyType(d)) && hasNoPods.test(d)) {
                    queue.add(ObjectKey.of(d));
                }
            }
        };
    }
}
