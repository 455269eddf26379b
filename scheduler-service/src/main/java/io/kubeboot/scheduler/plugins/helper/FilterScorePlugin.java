package io.kubeboot.scheduler.plugins.helper;

import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;

/**
 * A plugin made of a filtering half and a scoring half, each keeping its own cycle state (upstream's
 * InterPodAffinity and PodTopologySpread split filtering.go and scoring.go the same way). PreFilter, its
 * extensions and Filter go to the filtering half; PreScore, Score and NormalizeScore to the scoring half.
 * Subclasses add the cluster events. As thread safe as its halves.
 */
public abstract class FilterScorePlugin implements PreFilterPlugin, PreFilterPlugin.Extensions, FilterPlugin, PreScorePlugin,
        ScorePlugin, EnqueueExtensions {

    /** The PreFilter, PreFilter-extension and Filter half, with the framework's contracts for them. */
    public interface Filtering extends PreFilterPlugin.Extensions {
        PreFilterPlugin.Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes);

        Status filter(CycleState state, PodInfo pod, NodeInfo node);
    }

    /** The PreScore, Score and NormalizeScore half, with the framework's contracts for them. */
    public interface Scoring {
        Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes);

        long score(CycleState state, PodInfo pod, NodeInfo node);

        Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores);
    }

    private final String name;
    private final Filtering filtering;
    private final Scoring scoring;

    protected FilterScorePlugin(String name, Filtering filtering, Scoring scoring) {
        this.name = name;
        this.filtering = filtering;
        this.scoring = scoring;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        return filtering.preFilter(state, pod, nodes);
    }

    @Override
    public final Extensions preFilterExtensions() {
        return this;
    }

    @Override
    public final Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
        return filtering.addPod(state, podToSchedule, podToAdd, node);
    }

    @Override
    public final Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        return filtering.removePod(state, podToSchedule, podToRemove, node);
    }

    @Override
    public final Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return filtering.filter(state, pod, node);
    }

    @Override
    public final Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        return scoring.preScore(state, pod, feasibleNodes);
    }

    @Override
    public final long score(CycleState state, PodInfo pod, NodeInfo node) {
        return scoring.score(state, pod, node);
    }

    @Override
    public final Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        return scoring.normalizeScore(state, pod, scores);
    }
}
