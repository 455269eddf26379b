package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerRestarts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Upstream's {@code terminationOrdering} (kuberuntime_termination_order.go): while a pod with sidecars is killed,
 * each restartable init container waits for every regular container and for every restartable init container after
 * it in the spec to terminate, but never longer than its remaining grace period. Regular containers and
 * non-restartable init containers do not wait. Containers that were not running count as terminated.
 *
 * <p>Thread safe: one instance is shared by the parallel kills of one pod.
 */
final class TerminationOrdering {
    private final Map<String, CountDownLatch> terminated = new HashMap<>();
    private final Map<String, List<CountDownLatch>> prerequisites = new HashMap<>();

    TerminationOrdering(Pod pod, Collection<String> runningContainerNames) {
        Set<String> running = Set.copyOf(runningContainerNames);
        List<CountDownLatch> regular = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            CountDownLatch latch = latch(running, c.getName());
            terminated.put(c.getName(), latch);
            regular.add(latch);
        }
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        CountDownLatch laterSidecar = null;
        for (int i = inits.size() - 1; i >= 0; i--) {
            Container ic = inits.get(i);
            CountDownLatch latch = latch(running, ic.getName());
            terminated.put(ic.getName(), latch);
            if (ContainerRestarts.isRestartableInitContainer(ic)) {
                List<CountDownLatch> waitFor = new ArrayList<>(regular);
                if (laterSidecar != null) {
                    waitFor.add(laterSidecar);
                }
                prerequisites.put(ic.getName(), List.copyOf(waitFor));
                laterSidecar = latch;
            }
        }
    }

    private static CountDownLatch latch(Set<String> running, String name) {
        return new CountDownLatch(running.contains(name) ? 1 : 0);
    }

    /**
     * Blocks until it is the container's turn to be stopped or {@code gracePeriodSeconds} passed (no wait when it is
     * not positive); returns the whole seconds waited.
     */
    long waitForTurn(String name, long gracePeriodSeconds) throws InterruptedException {
        if (gracePeriodSeconds <= 0) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(gracePeriodSeconds);
        for (CountDownLatch prerequisite : prerequisites.getOrDefault(name, List.of())) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !prerequisite.await(left, TimeUnit.NANOSECONDS)) {
                break; // the grace period ran out: stop now
            }
        }
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    /** The container has stopped: the containers waiting for it may go. Idempotent. */
    void containerTerminated(String name) {
        CountDownLatch latch = terminated.get(name);
        if (latch != null) {
            latch.countDown();
        }
    }
}
