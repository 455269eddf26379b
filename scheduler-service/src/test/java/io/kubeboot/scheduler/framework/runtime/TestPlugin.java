package io.kubeboot.scheduler.framework.runtime;

import io.kubeboot.scheduler.framework.BindPlugin;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PermitPlugin;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PostBindPlugin;
import io.kubeboot.scheduler.framework.PreBindPlugin;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ReservePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A plugin at every extension point whose verdicts the test injects (upstream framework_test's
 * {@code TestPlugin} with {@code injectedResult}); every call is appended to the shared {@code calls}
 * log as {@code name:Phase}, so tests can check the order across plugins.
 */
final class TestPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ReservePlugin, PermitPlugin,
        PreBindPlugin, BindPlugin, PostBindPlugin {
    private final String name;
    private final List<String> calls;
    Status preFilterStatus = Status.success();
    Set<String> preFilterNodes;
    Status filterStatus = Status.success();
    Status preScoreStatus = Status.success();
    long score = 1;
    Status reserveStatus = Status.success();
    PermitPlugin.Result permitResult = PermitPlugin.Result.ALLOW;
    Status preBindStatus = Status.success();
    Status bindStatus = Status.success();

    TestPlugin(String name, List<String> calls) {
        this.name = name;
        this.calls = calls;
    }

    @Override
    public String name() {
        return name;
    }

    private void record(String phase) {
        synchronized (calls) {
            calls.add(name + ":" + phase);
        }
    }

    @Override
    public PreFilterPlugin.Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        record("PreFilter");
        return new PreFilterPlugin.Result(preFilterStatus, preFilterNodes);
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        record("Filter");
        return filterStatus;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        record("PreScore");
        return preScoreStatus;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        record("Score");
        return score;
    }

    @Override
    public Status reserve(CycleState state, PodInfo pod, String nodeName) {
        record("Reserve");
        return reserveStatus;
    }

    @Override
    public void unreserve(CycleState state, PodInfo pod, String nodeName) {
        record("Unreserve");
    }

    @Override
    public PermitPlugin.Result permit(CycleState state, PodInfo pod, String nodeName) {
        record("Permit");
        return permitResult;
    }

    @Override
    public Status preBind(CycleState state, PodInfo pod, String nodeName) {
        record("PreBind");
        return preBindStatus;
    }

    @Override
    public Status bind(CycleState state, PodInfo pod, String nodeName) {
        record("Bind");
        return bindStatus;
    }

    @Override
    public void postBind(CycleState state, PodInfo pod, String nodeName) {
        record("PostBind");
    }

    static PermitPlugin.Result waitFor(Duration d) {
        return new PermitPlugin.Result(Status.of(Status.Code.WAIT), d);
    }
}
