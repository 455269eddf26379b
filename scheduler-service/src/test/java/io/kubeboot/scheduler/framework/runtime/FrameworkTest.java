package io.kubeboot.scheduler.framework.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PermitPlugin;
import io.kubeboot.scheduler.framework.Plugin;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.framework.runtime.Frameworks.nodeInfo;
import static io.kubeboot.scheduler.framework.runtime.Frameworks.nodes;
import static io.kubeboot.scheduler.framework.runtime.Frameworks.pod;
import static io.kubeboot.scheduler.framework.runtime.Frameworks.podInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plugin runner, after upstream pkg/scheduler/framework/runtime/framework_test.go. */
class FrameworkTest {
    private static final PodInfo POD = podInfo("p");
    private static final List<NodeInfo> NODES = nodes("node1", "node2");

    private final List<String> calls = new ArrayList<>();

    private TestPlugin plugin(String name) {
        return new TestPlugin(name, calls);
    }

    // ---- construction ----

    @Test
    void everyExtensionPointRunsPluginsInProfileOrderAndUnreserveInReverse() {
        TestPlugin a = plugin("A");
        TestPlugin b = plugin("B");
        TestPlugin c = plugin("C");
        Framework f = Frameworks.of(List.of(a, b, c));
        CycleState state = new CycleState();

        f.runPreFilterPlugins(state, POD, NODES);
        f.runFilterPlugins(state, POD, NODES.get(0));
        f.runPreScorePlugins(state, POD, NODES.subList(0, 1));
        f.runScorePlugins(state, POD, NODES.subList(0, 1));
        f.runReservePluginsReserve(state, POD, "node1");
        f.runReservePluginsUnreserve(state, POD, "node1");
        f.runPermitPlugins(state, POD, "node1");
        f.runPreBindPlugins(state, POD, "node1");
        f.runPostBindPlugins(state, POD, "node1");

        assertThat(calls).containsExactly(
                "A:PreFilter", "B:PreFilter", "C:PreFilter",
                "A:Filter", "B:Filter", "C:Filter",
                "A:PreScore", "B:PreScore", "C:PreScore",
                "A:Score", "B:Score", "C:Score",
                "A:Reserve", "B:Reserve", "C:Reserve",
                "C:Unreserve", "B:Unreserve", "A:Unreserve",
                "A:Permit", "B:Permit", "C:Permit",
                "A:PreBind", "B:PreBind", "C:PreBind",
                "A:PostBind", "B:PostBind", "C:PostBind");
    }

    @Test
    void profileErrors() {
        PluginRegistry registry = PluginRegistry.builder().register("A", (args, h) -> plugin("A")).build();
        ProfileConfig twice = new ProfileConfig("s", List.of(new ProfileConfig.PluginSpec("A", 0), new ProfileConfig.PluginSpec("A", 0)),
                Map.of(), 0);
        assertThatThrownBy(() -> new Framework(twice, registry,
                new Framework.Services(io.kubeboot.scheduler.framework.Snapshot::of, null, null, new Parallelizer(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("plugin A is listed twice in profile s");
        ProfileConfig unknown = new ProfileConfig("s", List.of(new ProfileConfig.PluginSpec("Nope", 0)), Map.of(), 0);
        assertThatThrownBy(() -> new Framework(unknown, PluginRegistry.builder().build(),
                new Framework.Services(io.kubeboot.scheduler.framework.Snapshot::of, null, null, new Parallelizer(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no plugin named Nope");
        PluginRegistry onlyFilter = PluginRegistry.builder()
                .register("F", (args, h) -> new TestFilterPlugin("F", n -> true, "r")).build();
        ProfileConfig noBinder = new ProfileConfig("s", List.of(new ProfileConfig.PluginSpec("F", 0)), Map.of(), 0);
        assertThatThrownBy(() -> new Framework(noBinder, onlyFilter,
                new Framework.Services(io.kubeboot.scheduler.framework.Snapshot::of, null, null, new Parallelizer(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("profile s has no Bind plugin");
    }

    // ---- PreFilter ----

    record PreFilterCase(String name, Consumer<TestPlugin> first, Consumer<TestPlugin> second, Status want,
                         Set<String> wantNodes, Set<String> wantPlugins, List<String> wantCalls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PreFilterCase> preFilterCases() {
        return Stream.of(
                new PreFilterCase("all success, all nodes", p -> { }, p -> { }, Status.success(), null, Set.of(),
                        List.of("plugin1:PreFilter", "plugin2:PreFilter")),
                new PreFilterCase("node sets are intersected",
                        p -> p.preFilterNodes = Set.of("node1", "node2"), p -> p.preFilterNodes = Set.of("node2", "node3"),
                        Status.success(), Set.of("node2"), Set.of("plugin1", "plugin2"),
                        List.of("plugin1:PreFilter", "plugin2:PreFilter")),
                new PreFilterCase("one plugin's set, the other all nodes",
                        p -> { }, p -> p.preFilterNodes = Set.of("node1"),
                        Status.success(), Set.of("node1"), Set.of("plugin2"),
                        List.of("plugin1:PreFilter", "plugin2:PreFilter")),
                new PreFilterCase("disjoint sets reject every node, naming both plugins",
                        p -> p.preFilterNodes = Set.of("node1"), p -> p.preFilterNodes = Set.of("node2"),
                        Status.unresolvable("node(s) didn't satisfy plugin(s) [plugin1 plugin2] simultaneously"),
                        Set.of(), Set.of("plugin1", "plugin2"), List.of("plugin1:PreFilter", "plugin2:PreFilter")),
                new PreFilterCase("an empty set from one plugin names it alone",
                        p -> p.preFilterNodes = Set.of(), p -> { },
                        Status.unresolvable("node(s) didn't satisfy plugin plugin1"), Set.of(), Set.of("plugin1"),
                        List.of("plugin1:PreFilter")),
                new PreFilterCase("unschedulable is returned after the other plugins ran",
                        p -> p.preFilterStatus = Status.unschedulable("reject"), p -> { },
                        Status.unschedulable("reject").withPlugin("plugin1"), null, Set.of(),
                        List.of("plugin1:PreFilter", "plugin2:PreFilter")),
                new PreFilterCase("unresolvable stops at once",
                        p -> p.preFilterStatus = Status.unresolvable("reject"), p -> { },
                        Status.unresolvable("reject").withPlugin("plugin1"), null, Set.of(),
                        List.of("plugin1:PreFilter")),
                new PreFilterCase("an error is wrapped and stops",
                        p -> p.preFilterStatus = Status.error("injected"), p -> { },
                        Status.error("running PreFilter plugin \"plugin1\": injected").withPlugin("plugin1"), null, Set.of(),
                        List.of("plugin1:PreFilter")),
                new PreFilterCase("skip is not a failure",
                        p -> p.preFilterStatus = Status.skip(), p -> { }, Status.success(), null, Set.of(),
                        List.of("plugin1:PreFilter", "plugin2:PreFilter")));
    }

    @ParameterizedTest
    @MethodSource("preFilterCases")
    void runPreFilterPlugins(PreFilterCase c) {
        TestPlugin p1 = plugin("plugin1");
        TestPlugin p2 = plugin("plugin2");
        c.first().accept(p1);
        c.second().accept(p2);
        Framework.PreFilterOutcome got = Frameworks.of(List.of(p1, p2)).runPreFilterPlugins(new CycleState(), POD, NODES);
        assertThat(got.status()).isEqualTo(c.want());
        assertThat(got.nodeNames()).isEqualTo(c.wantNodes());
        assertThat(got.rejectingPlugins()).isEqualTo(c.wantPlugins());
        assertThat(calls).isEqualTo(c.wantCalls());
    }

    @Test
    void pluginsInMessageAreSortedNotInProfileOrder() {
        TestPlugin z = plugin("Zeta");
        TestPlugin a = plugin("Alpha");
        z.preFilterNodes = Set.of("node1");
        a.preFilterNodes = Set.of("node2");
        Framework.PreFilterOutcome got = Frameworks.of(List.of(z, a)).runPreFilterPlugins(new CycleState(), POD, NODES);
        assertThat(got.status().message()).isEqualTo("node(s) didn't satisfy plugin(s) [Alpha Zeta] simultaneously");
    }

    @Test
    void skipAtPreFilterSkipsThatPluginsFilterAndExtensions() {
        TestPlugin skipper = plugin("skipper");
        skipper.preFilterStatus = Status.skip();
        skipper.filterStatus = Status.unschedulable("would reject");
        Framework f = Frameworks.of(List.of(skipper));
        CycleState state = new CycleState();
        f.runPreFilterPlugins(state, POD, NODES);

        assertThat(state.skipFilterPlugins()).containsExactly("skipper");
        assertThat(f.runFilterPlugins(state, POD, NODES.get(0))).isEqualTo(Status.success());
        assertThat(calls).containsExactly("skipper:PreFilter");
    }

    // ---- Filter ----

    record FilterCase(String name, List<Status> statuses, Status want, List<String> wantCalls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FilterCase> filterCases() {
        return Stream.of(
                new FilterCase("all pass", List.of(Status.success(), Status.success()), Status.success(),
                        List.of("p0:Filter", "p1:Filter")),
                new FilterCase("the first rejection is attributed and ends the node",
                        List.of(Status.unschedulable("first"), Status.unresolvable("second")),
                        Status.unschedulable("first").withPlugin("p0"), List.of("p0:Filter")),
                new FilterCase("a later rejection is attributed to its plugin",
                        List.of(Status.success(), Status.unresolvable("second")),
                        Status.unresolvable("second").withPlugin("p1"), List.of("p0:Filter", "p1:Filter")),
                new FilterCase("pending is a rejection too",
                        List.of(Status.of(Status.Code.PENDING, "waiting")),
                        Status.of(Status.Code.PENDING, "waiting").withPlugin("p0"), List.of("p0:Filter")),
                new FilterCase("an error is wrapped",
                        List.of(Status.error("injected filter status"), Status.success()),
                        Status.error("running \"p0\" filter plugin: injected filter status").withPlugin("p0"),
                        List.of("p0:Filter")));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void runFilterPlugins(FilterCase c) {
        List<TestPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < c.statuses().size(); i++) {
            TestPlugin p = plugin("p" + i);
            p.filterStatus = c.statuses().get(i);
            plugins.add(p);
        }
        Status got = Frameworks.of(plugins).runFilterPlugins(new CycleState(), POD, NODES.get(0));
        assertThat(got).isEqualTo(c.want());
        assertThat(calls).isEqualTo(c.wantCalls());
    }

    @Test
    void aThrowingFilterBecomesAnErrorOfThatPlugin() {
        Plugin thrower = new TestFilterPlugin("Thrower", n -> {
            throw new IllegalStateException("boom");
        }, "unused");
        Status got = Frameworks.of(List.of(thrower)).runFilterPlugins(new CycleState(), POD, NODES.get(0));
        assertThat(got.code()).isEqualTo(Status.Code.ERROR);
        assertThat(got.message()).isEqualTo("running \"Thrower\" filter plugin: boom");
        assertThat(got.plugin()).isEqualTo("Thrower");
    }

    // ---- Filter with nominated pods ----

    record NominatedCase(String name, int podPriority, List<Pod> nominated, boolean fitsOnlyWhenEmpty, Status want,
                         int wantFilterCalls, int wantAddPods) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<NominatedCase> nominatedCases() {
        Pod high = pod("nominated-high", 100);
        Pod equal = pod("nominated-equal", 10);
        Pod low = pod("nominated-low", 1);
        Pod self = pod("p", 10);
        return Stream.of(
                new NominatedCase("no nominated pods: one pass", 10, List.of(), true, Status.success(), 1, 0),
                new NominatedCase("a higher priority nominated pod takes the room", 10, List.of(high), true,
                        Status.unschedulable("node(s) is full").withPlugin("Fit"), 1, 1),
                new NominatedCase("an equal priority nominated pod takes the room", 10, List.of(equal), true,
                        Status.unschedulable("node(s) is full").withPlugin("Fit"), 1, 1),
                new NominatedCase("a lower priority nominated pod is ignored", 10, List.of(low), true, Status.success(), 1, 0),
                new NominatedCase("the pod itself is ignored", 10, List.of(self), true, Status.success(), 1, 0),
                new NominatedCase("second pass without the nominated pods must pass too", 10, List.of(high), false,
                        Status.unschedulable("node(s) is empty").withPlugin("Fit"), 2, 1));
    }

    @ParameterizedTest
    @MethodSource("nominatedCases")
    void runFilterPluginsWithNominatedPods(NominatedCase c) {
        // "fitsOnlyWhenEmpty" plays a resource filter; otherwise the filter needs a pod on the node, as pod affinity would
        TestFilterPlugin fit = c.fitsOnlyWhenEmpty()
                ? new TestFilterPlugin("Fit", n -> n.pods().isEmpty(), "node(s) is full")
                : new TestFilterPlugin("Fit", n -> !n.pods().isEmpty(), "node(s) is empty");
        List<PodInfo> nominated = c.nominated().stream().map(PodInfo::of).toList();
        PodNominator nominator = node -> node.equals("node1") ? nominated : List.of();
        Framework f = Frameworks.of(List.of(fit), Map.of(), nominator, new Parallelizer(1));
        NodeInfo node = nodeInfo("node1");

        Status got = f.runFilterPluginsWithNominatedPods(new CycleState(), PodInfo.of(pod("p", c.podPriority())), node);

        assertThat(got).isEqualTo(c.want());
        assertThat(fit.filterCalls).hasValue(c.wantFilterCalls());
        assertThat(fit.addPodCalls).hasValue(c.wantAddPods());
        assertThat(node.pods()).as("the snapshot's node is not changed").isEmpty();
    }

    @Test
    void addPodFailureIsAnError() {
        TestFilterPlugin fit = new TestFilterPlugin("Fit", n -> true, "r");
        fit.addPodStatus = Status.error("injected");
        List<PodInfo> nominated = List.of(PodInfo.of(pod("n", 100)));
        Framework f = Frameworks.of(List.of(fit), Map.of(), node -> nominated, new Parallelizer(1));
        Status got = f.runFilterPluginsWithNominatedPods(new CycleState(), PodInfo.of(pod("p", 0)), nodeInfo("node1"));
        assertThat(got.code()).isEqualTo(Status.Code.ERROR);
        assertThat(got.message()).isEqualTo("running AddPod on PreFilter plugin \"Fit\": injected");
        assertThat(fit.filterCalls).hasValue(0);
    }

    // ---- Score ----

    @Test
    void scoresAreNormalizedThenWeighted() {
        TestScorePlugin a = new TestScorePlugin("A", Map.of("node1", 10L, "node2", 20L));
        TestScorePlugin b = new TestScorePlugin("B", Map.of("node1", 50L, "node2", 0L));
        b.normalize = s -> MAX - s;
        TestScorePlugin c = new TestScorePlugin("C", Map.of("node1", 7L, "node2", 3L));
        Framework f = Frameworks.of(List.of(a, b, c), Map.of("A", 2, "B", 3), null, new Parallelizer(1));

        Framework.ScoreOutcome got = f.runScorePlugins(new CycleState(), POD, NODES);

        // node1: 2*10 + 3*(100-50) + 1*7 ; node2: 2*20 + 3*(100-0) + 1*3 (weight 0 means 1)
        assertThat(got.totals()).containsExactly(177, 343);
        assertThat(got.byPlugin().keySet()).containsExactly("A", "B", "C");
        assertThat(got.byPlugin().get("B").toArray()).containsExactly(50, 100);
    }

    private static final long MAX = 100;

    @Test
    void scoringInParallelGivesTheSameTotals() {
        List<String> names = new ArrayList<>();
        Map<String, Long> scores = new java.util.HashMap<>();
        for (int i = 0; i < 500; i++) {
            names.add("n" + i);
            scores.put("n" + i, (long) (i % 101));
        }
        List<NodeInfo> many = nodes(names.toArray(new String[0]));
        try (Parallelizer par = new Parallelizer(8)) {
            Framework f = Frameworks.of(List.of(new TestScorePlugin("A", scores)), Map.of("A", 3), null, par);
            long[] totals = f.runScorePlugins(new CycleState(), POD, many).totals();
            for (int i = 0; i < totals.length; i++) {
                assertThat(totals[i]).as("node %d", i).isEqualTo(3L * (i % 101));
            }
        }
    }

    record ScoreErrorCase(String name, Consumer<TestScorePlugin> setup, String wantMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreErrorCase> scoreErrors() {
        return Stream.of(
                new ScoreErrorCase("score fails", p -> p.scoreFailure = Status.error("injected"),
                        "running Score plugins: plugin \"Bad\" failed with: injected"),
                new ScoreErrorCase("normalize fails", p -> p.normalizeFailure = Status.error("injected"),
                        "running Normalize on Score plugins: plugin \"Bad\" failed with: injected"),
                new ScoreErrorCase("score above 100 after normalize", p -> p.normalize = s -> 101,
                        "applying score defaultWeights on Score plugins: plugin \"Bad\" returns an invalid score 101, "
                                + "it should in the range of [0, 100] after normalizing"),
                new ScoreErrorCase("negative score without normalize", p -> p.normalize = s -> -1,
                        "applying score defaultWeights on Score plugins: plugin \"Bad\" returns an invalid score -1, "
                                + "it should in the range of [0, 100] after normalizing"));
    }

    @ParameterizedTest
    @MethodSource("scoreErrors")
    void scoreErrorsNameThePlugin(ScoreErrorCase c) {
        TestScorePlugin bad = new TestScorePlugin("Bad", Map.of("node1", 1L, "node2", 2L));
        c.setup().accept(bad);
        Framework f = Frameworks.of(List.of(bad));
        assertThatThrownBy(() -> f.runScorePlugins(new CycleState(), POD, NODES))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(Status.Code.ERROR);
                    assertThat(e.status().message()).isEqualTo(c.wantMessage());
                });
    }

    @Test
    void skipAtPreScoreSkipsThatPluginsScore() {
        TestPlugin skipper = plugin("skipper");
        skipper.preScoreStatus = Status.skip();
        skipper.score = 100;
        TestPlugin other = plugin("other");
        other.score = 7;
        Framework f = Frameworks.of(List.of(skipper, other));
        CycleState state = new CycleState();

        assertThat(f.runPreScorePlugins(state, POD, NODES)).isEqualTo(Status.success());
        Framework.ScoreOutcome got = f.runScorePlugins(state, POD, NODES);

        assertThat(state.skipScorePlugins()).containsExactly("skipper");
        assertThat(got.totals()).containsExactly(7, 7);
        assertThat(got.byPlugin()).containsOnlyKeys("other");
        assertThat(calls).doesNotContain("skipper:Score");
    }

    @Test
    void preScoreErrorIsWrapped() {
        TestPlugin bad = plugin("Bad");
        bad.preScoreStatus = Status.error("injected");
        Status got = Frameworks.of(List.of(bad)).runPreScorePlugins(new CycleState(), POD, NODES);
        assertThat(got).isEqualTo(Status.error("running PreScore plugin \"Bad\": injected").withPlugin("Bad"));
    }

    // ---- Reserve, Permit, Bind ----

    @Test
    void reserveStopsAtTheFirstFailureWhileUnreserveUndoesAllInReverse() {
        TestPlugin a = plugin("A");
        TestPlugin b = plugin("B");
        TestPlugin c = plugin("C");
        b.reserveStatus = Status.unschedulable("no room");
        Framework f = Frameworks.of(List.of(a, b, c));

        Status got = f.runReservePluginsReserve(new CycleState(), POD, "node1");
        f.runReservePluginsUnreserve(new CycleState(), POD, "node1");

        assertThat(got).isEqualTo(Status.unschedulable("no room").withPlugin("B"));
        assertThat(calls).containsExactly("A:Reserve", "B:Reserve", "C:Unreserve", "B:Unreserve", "A:Unreserve");
    }

    @Test
    void reserveErrorIsWrapped() {
        TestPlugin a = plugin("A");
        a.reserveStatus = Status.error("injected");
        assertThat(Frameworks.of(List.of(a)).runReservePluginsReserve(new CycleState(), POD, "node1"))
                .isEqualTo(Status.error("running Reserve plugin \"A\": injected"));
    }

    record PermitCase(String name, List<PermitPlugin.Result> results, PermitPlugin.Result want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PermitCase> permitCases() {
        return Stream.of(
                new PermitCase("all allow", List.of(PermitPlugin.Result.ALLOW, PermitPlugin.Result.ALLOW), PermitPlugin.Result.ALLOW),
                new PermitCase("the longest wait wins", List.of(TestPlugin.waitFor(Duration.ofSeconds(5)),
                        TestPlugin.waitFor(Duration.ofSeconds(10))),
                        new PermitPlugin.Result(Status.of(Status.Code.WAIT).withPlugin("p1"), Duration.ofSeconds(10))),
                new PermitCase("a rejection after a wait wins", List.of(TestPlugin.waitFor(Duration.ofSeconds(5)),
                        new PermitPlugin.Result(Status.unschedulable("no"), Duration.ZERO)),
                        new PermitPlugin.Result(Status.unschedulable("no").withPlugin("p1"), Duration.ZERO)),
                new PermitCase("an error is wrapped", List.of(new PermitPlugin.Result(Status.error("injected"), Duration.ZERO)),
                        new PermitPlugin.Result(Status.error("running Permit plugin \"p0\": injected").withPlugin("p0"), Duration.ZERO)));
    }

    @ParameterizedTest
    @MethodSource("permitCases")
    void runPermitPlugins(PermitCase c) {
        List<TestPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < c.results().size(); i++) {
            TestPlugin p = plugin("p" + i);
            p.permitResult = c.results().get(i);
            plugins.add(p);
        }
        assertThat(Frameworks.of(plugins).runPermitPlugins(new CycleState(), POD, "node1")).isEqualTo(c.want());
    }

    record BindCase(String name, List<Status> statuses, Status want, List<String> wantCalls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BindCase> bindCases() {
        return Stream.of(
                new BindCase("skip passes to the next binder", List.of(Status.skip(), Status.success(), Status.success()),
                        Status.success(), List.of("p0:Bind", "p1:Bind")),
                new BindCase("all skip", List.of(Status.skip(), Status.skip()), Status.skip(), List.of("p0:Bind", "p1:Bind")),
                new BindCase("a rejection is attributed", List.of(Status.unschedulable("no"), Status.success()),
                        Status.unschedulable("no").withPlugin("p0"), List.of("p0:Bind")),
                new BindCase("an error is wrapped", List.of(Status.skip(), Status.error("injected")),
                        Status.error("running Bind plugin \"p1\": injected"), List.of("p0:Bind", "p1:Bind")));
    }

    @ParameterizedTest
    @MethodSource("bindCases")
    void runBindPlugins(BindCase c) {
        List<TestPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < c.statuses().size(); i++) {
            TestPlugin p = plugin("p" + i);
            p.bindStatus = c.statuses().get(i);
            plugins.add(p);
        }
        assertThat(Frameworks.of(plugins).runBindPlugins(new CycleState(), POD, "node1")).isEqualTo(c.want());
        assertThat(calls).isEqualTo(c.wantCalls());
    }

    // ---- events ----

    @Test
    void eventsToRegisterGivesWildcardToRejectingPluginsWithoutEnqueueExtensions() {
        TestFilterPlugin withEvents = new TestFilterPlugin("WithEvents", n -> true, "r");
        TestPlugin withoutEvents = plugin("WithoutEvents");
        TestScorePlugin scoreOnly = new TestScorePlugin("ScoreOnly", Map.of());
        Framework f = Frameworks.of(List.of(withEvents, withoutEvents, scoreOnly));

        assertThat(f.eventsToRegister()).containsExactly(
                Map.entry("WithEvents", List.of(ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD))),
                Map.entry("WithoutEvents", List.of(ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ALL))));
    }
}
