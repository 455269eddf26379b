package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.ControllerExpectations;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Upstream's DaemonSet, pod and node event handlers of the DaemonSet controller; they only enqueue keys. */
final class DaemonSetEventHandlers {
    private DaemonSetEventHandlers() {
    }

    /** addDaemonset/updateDaemonset/deleteDaemonset: queue the key; a deletion (or uid change) drops expectations. */
    static final class DaemonSets implements ResourceEventHandler<DaemonSet> {
        private final RateLimitingQueue<ObjectKey> queue;
        private final ControllerExpectations expectations;

        DaemonSets(RateLimitingQueue<ObjectKey> queue, ControllerExpectations expectations) {
            this.queue = queue;
            this.expectations = expectations;
        }

        @Override
        public void onAdd(DaemonSet ds) {
            queue.add(ObjectKey.of(ds));
        }

        @Override
        public void onUpdate(DaemonSet oldDs, DaemonSet curDs) {
            if (oldDs != null && !Objects.equals(oldDs.getMetadata().getUid(), curDs.getMetadata().getUid())) {
                onDelete(oldDs, true);
            }
            queue.add(ObjectKey.of(curDs));
        }

        @Override
        public void onDelete(DaemonSet ds, boolean deletedFinalStateUnknown) {
            if (ds != null) {
                expectations.deleteExpectations(ObjectKey.of(ds).toString());
                queue.add(ObjectKey.of(ds));
            }
        }
    }

    /**
     * addPod/updatePod/deletePod: a pod with a controller reference wakes its DaemonSet and counts against its
     * expectations (a deletionTimestamp counts as the deletion); orphans wake the DaemonSets that could adopt them;
     * becoming ready with minReadySeconds queues the DaemonSet again after minReadySeconds + 1s.
     */
    static final class Pods implements ResourceEventHandler<Pod> {
        private final RateLimitingQueue<ObjectKey> queue;
        private final ControllerExpectations expectations;
        private final BiFunction<String, OwnerReference, DaemonSet> resolve;
        private final Function<Pod, List<DaemonSet>> matching;

        Pods(RateLimitingQueue<ObjectKey> queue, ControllerExpectations expectations,
             BiFunction<String, OwnerReference, DaemonSet> resolve, Function<Pod, List<DaemonSet>> matching) {
            this.queue = queue;
            this.expectations = expectations;
            this.resolve = resolve;
            this.matching = matching;
        }

        @Override
        public void onAdd(Pod pod) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                onDelete(pod, false);
                return;
            }
            OwnerReference ref = PodControllerRefManager.controllerOf(pod);
            if (ref != null) {
                DaemonSet ds = resolve.apply(pod.getMetadata().getNamespace(), ref);
                if (ds != null) {
                    expectations.creationObserved(ObjectKey.of(ds).toString());
                    queue.add(ObjectKey.of(ds));
                }
                return;
            }
            for (DaemonSet ds : matching.apply(pod)) {
                queue.add(ObjectKey.of(ds));
            }
        }

        @Override
        public void onUpdate(Pod oldPod, Pod curPod) {
            if (oldPod == null) {
                onAdd(curPod);
                return;
            }
            if (Objects.equals(oldPod.getMetadata().getResourceVersion(), curPod.getMetadata().getResourceVersion())) {
                return;
            }
            if (curPod.getMetadata().getDeletionTimestamp() != null) {
                onDelete(curPod, false);
                return;
            }
            OwnerReference curRef = PodControllerRefManager.controllerOf(curPod);
            OwnerReference oldRef = PodControllerRefManager.controllerOf(oldPod);
            boolean refChanged = !Objects.equals(curRef, oldRef);
            if (refChanged && oldRef != null) {
                DaemonSet old = resolve.apply(oldPod.getMetadata().getNamespace(), oldRef);
                if (old != null) {
                    queue.add(ObjectKey.of(old));
                }
            }
            if (curRef != null) {
                DaemonSet ds = resolve.apply(curPod.getMetadata().getNamespace(), curRef);
                if (ds == null) {
                    return;
                }
                queue.add(ObjectKey.of(ds));
                int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
                if (!PodConditions.isPodReady(oldPod) && PodConditions.isPodReady(curPod) && minReady > 0) {
                    queue.addAfter(ObjectKey.of(ds), Duration.ofSeconds(minReady + 1L));
                }
                return;
            }
            boolean labelChanged = !Objects.equals(curPod.getMetadata().getLabels(), oldPod.getMetadata().getLabels());
            if (labelChanged || refChanged) {
                for (DaemonSet ds : matching.apply(curPod)) {
                    queue.add(ObjectKey.of(ds));
                }
            }
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            if (pod == null) {
                return;
            }
            OwnerReference ref = PodControllerRefManager.controllerOf(pod);
            if (ref == null) {
                return;
            }
            DaemonSet ds = resolve.apply(pod.getMetadata().getNamespace(), ref);
            if (ds == null) {
                return;
            }
            expectations.deletionObserved(ObjectKey.of(ds).toString());
            queue.add(ObjectKey.of(ds));
        }
    }

    /**
     * addNode/updateNode: a new node wakes the DaemonSets that should run on it; an update wakes those whose
     * eligibility changed (updates touching only status other than conditions are ignored); a deleted node wakes
     * every DaemonSet (its unscheduled pods must go).
     */
    static final class Nodes implements ResourceEventHandler<Node> {
        private final RateLimitingQueue<ObjectKey> queue;
        private final Supplier<List<DaemonSet>> daemonSets;

        Nodes(RateLimitingQueue<ObjectKey> queue, Supplier<List<DaemonSet>> daemonSets) {
            this.queue = queue;
            this.daemonSets = daemonSets;
        }

        @Override
        public void onAdd(Node node) {
            for (DaemonSet ds : daemonSets.get()) {
                if (DaemonPods.nodeShouldRunDaemonPod(node, ds).shouldRun()) {
                    queue.add(ObjectKey.of(ds));
                }
            }
        }

        @Override
        public void onUpdate(Node oldNode, Node curNode) {
            if (oldNode == null) {
                onAdd(curNode);
                return;
            }
            if (shouldIgnoreNodeUpdate(oldNode, curNode)) {
                return;
            }
            for (DaemonSet ds : daemonSets.get()) {
                if (!DaemonPods.nodeShouldRunDaemonPod(oldNode, ds).equals(DaemonPods.nodeShouldRunDaemonPod(curNode, ds))) {
                    queue.add(ObjectKey.of(ds));
                }
            }
        }

        @Override
        public void onDelete(Node node, boolean deletedFinalStateUnknown) {
            for (DaemonSet ds : daemonSets.get()) {
                queue.add(ObjectKey.of(ds));
            }
        }

        /** Upstream {@code shouldIgnoreNodeUpdate}: same labels, taints, spec and conditions. */
        static boolean shouldIgnoreNodeUpdate(Node oldNode, Node curNode) {
            return Objects.equals(oldNode.getMetadata().getLabels(), curNode.getMetadata().getLabels())
                    && Objects.equals(oldNode.getSpec(), curNode.getSpec())
                    && Objects.equals(oldNode.getStatus() == null ? null : oldNode.getStatus().getConditions(),
                    curNode.getStatus() == null ? null : curNode.getStatus().getConditions());
        }
    }

    /**
     * addHistory/updateHistory/deleteHistory: a controlled revision wakes its DaemonSet on update and delete (an
     * add is the DaemonSet's own create: nothing to do); an orphan wakes the DaemonSets whose selector matches its
     * labels, on add and on a label or owner change, so they may adopt it.
     */
    static final class Histories implements ResourceEventHandler<ControllerRevision> {
        private final RateLimitingQueue<ObjectKey> queue;
        private final BiFunction<String, OwnerReference, DaemonSet> resolve;
        private final Function<ControllerRevision, List<DaemonSet>> matching;

        Histories(RateLimitingQueue<ObjectKey> queue, BiFunction<String, OwnerReference, DaemonSet> resolve,
                  Function<ControllerRevision, List<DaemonSet>> matching) {
            this.queue = queue;
            this.resolve = resolve;
            this.matching = matching;
        }

        @Override
        public void onAdd(ControllerRevision revision) {
            if (revision.getMetadata().getDeletionTimestamp() != null) {
                onDelete(revision, false);
                return;
            }
            if (PodControllerRefManager.controllerOf(revision) != null) {
                return;
            }
            matching.apply(revision).forEach(ds -> queue.add(ObjectKey.of(ds)));
        }

        @Override
        public void onUpdate(ControllerRevision oldRevision, ControllerRevision curRevision) {
            if (oldRevision == null) {
                onAdd(curRevision);
                return;
            }
            if (Objects.equals(oldRevision.getMetadata().getResourceVersion(), curRevision.getMetadata().getResourceVersion())) {
                return;
            }
            OwnerReference curRef = PodControllerRefManager.controllerOf(curRevision);
            OwnerReference oldRef = PodControllerRefManager.controllerOf(oldRevision);
            boolean refChanged = !Objects.equals(curRef, oldRef);
            if (refChanged && oldRef != null) {
                DaemonSet old = resolve.apply(oldRevision.getMetadata().getNamespace(), oldRef);
                if (old != null) {
                    queue.add(ObjectKey.of(old));
                }
            }
            if (curRef != null) {
                DaemonSet ds = resolve.apply(curRevision.getMetadata().getNamespace(), curRef);
                if (ds != null) {
                    queue.add(ObjectKey.of(ds));
                }
                return;
            }
            boolean labelsChanged = !Objects.equals(curRevision.getMetadata().getLabels(), oldRevision.getMetadata().getLabels());
            if (labelsChanged || refChanged) {
                matching.apply(curRevision).forEach(ds -> queue.add(ObjectKey.of(ds)));
            }
        }

        @Override
        public void onDelete(ControllerRevision revision, boolean deletedFinalStateUnknown) {
            if (revision == null) {
                return;
            }
            OwnerReference ref = PodControllerRefManager.controllerOf(revision);
            if (ref == null) {
                return;
            }
            DaemonSet ds = resolve.apply(revision.getMetadata().getNamespace(), ref);
            if (ds != null) {
                queue.add(ObjectKey.of(ds));
            }
        }
    }
}
