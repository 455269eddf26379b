package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Resource;
import io.kubeboot.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only plugins standing in for upstream's test framework plugins (and for NodeResourcesFit and
 * InterPodAffinity, which are not this package's to depend on).
 */
final class TestPlugins {
    private TestPlugins() {
    }

    /** Pod count, cpu and memory fit with NodeResourcesFit's reasons. */
    static final class ResourceFit implements FilterPlugin {
        @Override
        public String name() {
            return "NodeResourcesFit";
        }

        @Override
        public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
            List<String> reasons = new ArrayList<>();
            Resource want = pod.requests();
            Resource used = node.requested();
            Resource alloc = node.allocatable();
            if (node.pods().size() + 1 > alloc.allowedPodNumber()) {
                reasons.add("Too many pods");
            }
            if (want.milliCpu() > 0 && want.milliCpu() > alloc.milliCpu() - used.milliCpu()) {
                reasons.add("Insufficient cpu");
            }
            if (want.memory() > 0 && want.memory() > alloc.memory() - used.memory()) {
                reasons.add("Insufficient memory");
            }
            return reasons.isEmpty() ? Status.success() : Status.unschedulable(reasons.toArray(String[]::new));
        }
    }

    /** Upstream's FakeFilterPlugin: a fixed code per node (success when absent) and a call counter. */
    static final class FakeFilter implements FilterPlugin {
        private final Map<String, Status.Code> codes;
        final AtomicInteger calls = new AtomicInteger();

        FakeFilter(Map<String, Status.Code> codes) {
            this.codes = codes;
        }

        @Override
        public String name() {
            return "FakeFilter";
        }

        @Override
        public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
            calls.incrementAndGet();
            Status.Code c = codes.get(node.nodeName());
            return c == null || c == Status.Code.SUCCESS ? Status.success() : Status.of(c);
        }
    }

    /** Upstream's TrueFilter / FalseFilter. */
    static FilterPlugin constant(boolean pass) {
        return new FilterPlugin() {
            @Override
            public String name() {
                return pass ? "TrueFilter" : "FalseFilter";
            }

            @Override
            public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
                return pass ? Status.success() : Status.unschedulable("Nodes failed the fake plugin");
            }
        };
    }

    /** Upstream's TestPlugin: its PreFilter extensions fail on nodes labelled {@code error=true}. */
    static final class FailOnErrorLabel implements PreFilterPlugin, PreFilterPlugin.Extensions {
        @Override
        public String name() {
            return "test-plugin";
        }

        @Override
        public Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
            return Result.SUCCESS;
        }

        @Override
        public Extensions preFilterExtensions() {
            return this;
        }

        @Override
        public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
            return failing(node) ? Status.error("failed to add pod: " + podToSchedule.name()) : Status.success();
        }

        @Override
        public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
            return failing(node) ? Status.error("failed to remove pod: " + podToSchedule.name()) : Status.success();
        }

        private static boolean failing(NodeInfo node) {
            return "true".equals(node.node().getMetadata().getLabels().get("error"));
        }
    }

    /**
     * A stand-in for existing pods' required anti-affinity: a pod labelled {@code foo} may not join a
     * node running a pod labelled {@code avoid-foo}. PreFilter counts those pods per node into the cycle
     * state and the extensions keep the count, so a what-if removal only works through the state copy.
     */
    static final class RepelledByLabel implements PreFilterPlugin, PreFilterPlugin.Extensions, FilterPlugin {
        static final CycleState.Key<Counts> KEY = new CycleState.Key<>("RepelledByLabel");

        record Counts(Map<String, Integer> byNode) implements CycleState.StateData {
            @Override
            public Counts copy() {
                return new Counts(new HashMap<>(byNode));
            }
        }

        @Override
        public String name() {
            return "RepelledByLabel";
        }

        @Override
        public Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
            Map<String, Integer> counts = new HashMap<>();
            for (NodeInfo n : nodes) {
                for (PodInfo p : n.pods()) {
                    if (repels(p)) {
                        counts.merge(n.nodeName(), 1, Integer::sum);
                    }
                }
            }
            state.write(KEY, new Counts(counts));
            return Result.SUCCESS;
        }

        @Override
        public Extensions preFilterExtensions() {
            return this;
        }

        @Override
        public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
            if (repels(podToAdd)) {
                state.read(KEY).byNode().merge(node.nodeName(), 1, Integer::sum);
            }
            return Status.success();
        }

        @Override
        public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
            if (repels(podToRemove)) {
                state.read(KEY).byNode().merge(node.nodeName(), -1, Integer::sum);
            }
            return Status.success();
        }

        @Override
        public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
            boolean attracted = pod.labels().containsKey("foo");
            if (attracted && state.read(KEY).byNode().getOrDefault(node.nodeName(), 0) > 0) {
                return Status.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");
            }
            return Status.success();
        }

        private static boolean repels(PodInfo p) {
            return p.labels().containsKey("avoid-foo");
        }
    }
}
