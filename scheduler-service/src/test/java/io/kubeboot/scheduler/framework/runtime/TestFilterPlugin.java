package io.kubeboot.scheduler.framework.runtime;

import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Rejects nodes the predicate refuses with an unschedulable status carrying {@code reason}; counts its
 * calls. Its PreFilter extension counts the nominated pods added (or fails when told to). Registers for
 * node additions only, so eventsToRegister must report exactly that.
 */
final class TestFilterPlugin implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
    private final String name;
    private final Predicate<NodeInfo> fits;
    private final String reason;
    final AtomicInteger filterCalls = new AtomicInteger();
    final AtomicInteger addPodCalls = new AtomicInteger();
    Status addPodStatus = Status.success();

    TestFilterPlugin(String name, Predicate<NodeInfo> fits, String reason) {
        this.name = name;
        this.fits = fits;
        this.reason = reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        return Result.SUCCESS;
    }

    @Override
    public Extensions preFilterExtensions() {
        return new Extensions() {
            @Override
            public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
                addPodCalls.incrementAndGet();
                return addPodStatus;
            }

            @Override
            public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
                return Status.success();
            }
        };
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        filterCalls.incrementAndGet();
        return fits.test(node) ? Status.success() : Status.unschedulable(reason);
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD));
    }
}
