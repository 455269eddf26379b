package io.kubeboot.bench.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.ApiContext;
import io.kubeboot.bench.api.HeapProbe;
import io.kubeboot.bench.api.HttpResult;
import io.kubeboot.bench.controllers.JsonWatch;
import io.kubeboot.bench.core.CpuMeter;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.PhaseResult;
import io.kubeboot.bench.core.Report;
import io.kubeboot.bench.scheduler.ClusterOps;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The startup phase of {@link io.kubeboot.bench.NodeBench}: one node agent on the Docker Engine; rounds of
 * {@code --pods} pods created at once, bound to the node up front, each pod's startup latency taken when a
 * watch first sees it Running (upstream's pod startup latency, images present locally); the agent's memory with
 * the pods of the last round running; deletion until the pods are gone and their containers removed.
 */
public final class StartupRun {
    /** Issue 5's goal for the startup latency p99 (upstream's SLO is 5 s, also without image pulls). */
    static final long TARGET_P99_MILLIS = 2000;
    private static final String PROMETHEUS = "/actuator/prometheus";
    private static final String POD_START = "kubelet_pod_start_duration_seconds";
    private static final String RUNTIME_OPS = "kubelet_runtime_operations_duration_seconds";

    public record Settings(String url, String node, String podCidr, String image, int pods, int rounds, int createClients,
                           int warmupPods, Duration timeout, String agentUrl, String agentLog, String network,
                           boolean dockerBaseline) {
    }

    /** Process ids; any may be empty. */
    public record Pids(String agent, String apiserver, String redis) {
    }

    private record Round(String label, PodTimeline.Startup startup, PhaseResult creates) {
    }

    private record Deletion(long goneMillis, int gone, int runningContainersAtGone, int containersLeft) {
    }

    private final Settings s;
    private final Pids pids;
    private final Map<String, String> effective;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final PodTimeline timeline = new PodTimeline();

    public StartupRun(Settings settings, Pids pids, Map<String, String> effective) {
        this.s = settings;
        this.pids = pids;
        this.effective = effective;
    }

    /** Runs, prints the Markdown report; false when some pod never ran, was never gone, or left a container. */
    public boolean run(PrintStream out) throws Exception {
        Report report = new Report("NodeBench startup (node " + s.node() + ", run " + runId + ")", effective);
        String namespace = "nodes-" + runId;
        Calls calls = new Calls(s.url());
        NodeContainers containers = new NodeContainers(s.node());
        try (ApiClient api = new ApiClient(s.url()); ApiClient agentApi = new ApiClient(s.agentUrl())) {
            ClusterOps ops = new ClusterOps(api, s.url());
            long registeredAfter = awaitNode(api);
            assignPodCidr(calls);
            long learnedAfter = awaitAgentLearnedPodCidr();
            new ApiContext(api, runId).createNamespace(namespace);
            HeapProbe heap = new HeapProbe(agentApi, pids.agent());
            boolean ok = true;
            List<Round> rounds = new ArrayList<>();
            List<Deletion> deletions = new ArrayList<>();
            HeapProbe.Sample idle;
            HeapProbe.Sample loaded = null;
            CpuMeter.Snapshot[] cpuStart;
            String agentMetricsStart = "";
            DockerBaseline.Result baseline = null;
            List<String> cpuLines;
            String agentMetricsEnd;
            Calls agentCalls = new Calls(s.agentUrl());
            try (JsonWatch watch = JsonWatch.open(api, ApiContext.podsPath(namespace), ops.podListResourceVersion(namespace),
                    (type, pod, nanos) -> onPod(type, pod))) {
                if (s.warmupPods() > 0) {
                    log("warm-up: %d pod(s), not reported", s.warmupPods());
                    Round w = round(api, ops, watch, namespace, "warmup", s.warmupPods());
                    Deletion d = deleteAll(calls, containers, watch, namespace, names("warmup", s.warmupPods()));
                    if (w.startup().notRunning() > 0 || d.gone() < s.warmupPods()) {
                        log("warm-up failed: %d pod(s) not Running, %d gone", w.startup().notRunning(), d.gone());
                        ok = false;
                    }
                }
                idle = memory(heap);
                cpuStart = cpu();
                agentMetricsStart = agentCalls.textOrEmpty(PROMETHEUS);
                for (int r = 1; ok && r <= s.rounds(); r++) {
                    log("round %d of %d: %d pods at once", r, s.rounds(), s.pods());
                    Round round = round(api, ops, watch, namespace, "round-" + r, s.pods());
                    rounds.add(round);
                    ok &= round.startup().notRunning() == 0;
                    if (r == s.rounds()) {
                        loaded = memory(heap);
                    }
                    Deletion d = deleteAll(calls, containers, watch, namespace, names("round-" + r, s.pods()));
                    deletions.add(d);
                    ok &= d.gone() == s.pods() && d.containersLeft() == 0;
                }
                cpuLines = cpuSince(cpuStart);
                agentMetricsEnd = agentCalls.textOrEmpty(PROMETHEUS);
                if (s.dockerBaseline()) {
                    log("the same engine without the agent: %d pods as docker run -d pairs", s.pods());
                    baseline = new DockerBaseline("nodebench-" + runId + "-base", s.network(), s.image()).run(s.pods());
                }
                if (watch.failure() != null) {
                    log("pod watch: %s", watch.failure());
                    ok = false;
                }
            }
            calls.delete("/api/v1/namespaces/" + namespace);

            reportRounds(report, rounds);
            report.section("How it was measured", method(registeredAfter, learnedAfter));
            if (baseline != null) {
                report.section("The same Docker Engine without the node agent (right after the rounds)", baselineLines(baseline));
            }
            report.section("Pod deletion (after each round; default grace period, pods deleted as one collection)", deletionLines(deletions));
            report.section("Node agent memory", memoryLines(idle, loaded));
            report.section("Where the node agent's time went (its own metrics, over the measured rounds incl. deletions)",
                    timeLines(agentMetricsStart, agentMetricsEnd));
            report.section("CPU over the measured rounds (everything shares the machine)", cpuLines);
            report.print(out);
            return ok && rounds.size() == s.rounds();
        }
    }

    private void onPod(String type, JsonNode pod) {
        JsonNode meta = pod.path("metadata");
        timeline.event(type, meta.path("name").asText(), meta.path("creationTimestamp").asText(""),
                pod.path("status").path("phase").asText(""), System.currentTimeMillis());
    }

    private static List<String> names(String label, int n) {
        return IntStream.range(0, n).mapToObj(i -> label + "-" + i).toList();
    }

    /** Creates {@code n} pods at once ({@code createClients} concurrent POSTs) and waits until the watch saw all Running. */
    private Round round(ApiClient api, ClusterOps ops, JsonWatch watch, String namespace, String label, int n)
            throws InterruptedException {
        List<String> names = names(label, n);
        LatencyRecorder creates = ops.create(label + " creates", ApiContext.podsPath(namespace), s.createClients(), n, seq -> {
            String name = names.get((int) seq);
            byte[] body = NodeObjects.pod(namespace, name, s.node(), s.image(), runId);
            timeline.sent(name, System.currentTimeMillis());
            return body;
        });
        long deadline = System.currentTimeMillis() + s.timeout().toMillis();
        while (timeline.running(names) < n && watch.failure() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        PodTimeline.Startup startup = timeline.startup(names);
        if (startup.notRunning() > 0) {
            log("%s: %d of %d pods not Running after %d s", label, startup.notRunning(), n, s.timeout().toSeconds());
        }
        return new Round(label, startup, creates.result(label + ": pod creates (POST)", s.createClients()));
    }

    /** Deletes the namespace's pods as one collection (graceful) and waits for every DELETED event, then for the containers to go. */
    private Deletion deleteAll(Calls calls, NodeContainers containers, JsonWatch watch, String namespace, List<String> names)
            throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        Calls.Response r = calls.delete(ApiContext.podsPath(namespace));
        if (r.status() != 200) {
            log("DELETE pods: HTTP %d %s", r.status(), r.body().substring(0, Math.min(300, r.body().length())));
        }
        long deadline = t0 + s.timeout().toMillis();
        while (timeline.gone(names) < names.size() && watch.failure() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        int gone = timeline.gone(names);
        long goneMillis = gone == names.size() ? timeline.lastGone(names) - t0 : -1;
        int running = containers.count(false);
        int left = containers.awaitNone(30_000);
        return new Deletion(goneMillis, gone, running, left);
    }

    private long awaitNode(ApiClient api) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        while (true) {
            HttpResult r = api.get("/api/v1/nodes/" + s.node()).join();
            if (r.status() == 200) {
                return System.currentTimeMillis() - t0;
            }
            if (System.currentTimeMillis() - t0 > 120_000) {
                throw new IllegalStateException("node " + s.node() + " not registered after 120 s (last: HTTP " + r.status() + ")");
            }
            Thread.sleep(200);
        }
    }

    /** No node IPAM controller runs: the bench gives the Node its podCIDR, as that controller would. */
    private void assignPodCidr(Calls calls) throws IOException, InterruptedException {
        Calls.Response r = calls.mergePatch("/api/v1/nodes/" + s.node(), NodeObjects.podCidrPatch(s.podCidr()));
        if (r.status() != 200) {
            throw new IllegalStateException("patching spec.podCIDR of " + s.node() + ": HTTP " + r.status() + " " + r.body());
        }
    }

    /**
     * The agent reads its Node once per status period (10 s) and logs the podCIDR it learns; pods before that
     * cannot get an IP. Without a log to read, waits one period and a bit.
     */
    private long awaitAgentLearnedPodCidr() throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        if (s.agentLog().isEmpty()) {
            Thread.sleep(12_000);
            return -1;
        }
        String line = "pod CIDR is " + s.podCidr();
        while (!Files.readString(Path.of(s.agentLog())).contains(line)) {
            if (System.currentTimeMillis() - t0 > 60_000) {
                throw new IllegalStateException("the node agent did not log \"" + line + "\" within 60 s");
            }
            Thread.sleep(200);
        }
        return System.currentTimeMillis() - t0;
    }

    private void reportRounds(Report report, List<Round> rounds) {
        List<Long> allCreation = new ArrayList<>();
        List<Long> allSend = new ArrayList<>();
        int notRunning = 0;
        long batchMillis = 0;
        for (Round r : rounds) {
            PodTimeline.Startup st = r.startup();
            report.phase(r.creates());
            report.phase(row(r.label() + ": creationTimestamp -> Running", st.fromCreation(), st.notRunning(), st.batchMillis()));
            report.phase(row(r.label() + ": send -> Running", st.fromSend(), st.notRunning(), st.batchMillis()));
            allCreation.addAll(st.fromCreation());
            allSend.addAll(st.fromSend());
            notRunning += st.notRunning();
            batchMillis = batchMillis < 0 || st.batchMillis() < 0 ? -1 : batchMillis + st.batchMillis();
        }
        String target = "p99 <= " + TARGET_P99_MILLIS + " ms";
        Percentiles c = Percentiles.of(allCreation);
        Percentiles d = Percentiles.of(allSend);
        report.phase(row("**all rounds: creationTimestamp -> Running**", allCreation, notRunning, batchMillis), target,
                notRunning == 0 && c.count() > 0 && c.p99() <= TARGET_P99_MILLIS);
        report.phase(row("all rounds: send -> Running", allSend, notRunning, batchMillis), target,
                notRunning == 0 && d.count() > 0 && d.p99() <= TARGET_P99_MILLIS);
    }

    /** A table row: ops = pods seen Running, seconds = first send to last Running (so ops/s is pods started per second). */
    private PhaseResult row(String name, List<Long> latencies, int notRunning, long batchMillis) {
        Percentiles p = Percentiles.of(latencies);
        return new PhaseResult(name, s.createClients(), p.count(), batchMillis < 0 ? 0 : batchMillis / 1000.0, p.p50(), p.p90(), p.p99(),
                p.max(), notRunning == 0 ? Map.of() : Map.of("not Running after " + s.timeout().toSeconds() + " s", (long) notRunning));
    }

    /** The agent's memory, or null (logged) when its metrics cannot be read: the latency figures still count. */
    private static HeapProbe.Sample memory(HeapProbe heap) throws InterruptedException {
        try {
            return heap.sample();
        } catch (IOException | RuntimeException e) {
            log("node agent memory not readable: %s", e);
            return null;
        }
    }

    private List<String> method(long registeredAfter, long learnedAfter) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "- %d round(s) of %d pods created at once by %d concurrent clients; one container each, image %s "
                + "(present on the node; imagePullPolicy IfNotPresent, so no pull); every pod has spec.nodeName=%s set at create: "
                + "no scheduler is involved.", s.rounds(), s.pods(), s.createClients(), s.image(), s.node()));
        lines.add("- startup latency = when a watch on the namespace first saw the pod with status.phase Running, minus either its "
                + "creationTimestamp (upstream's density test; metav1.Time has whole seconds, truncated, so this figure is up to 1 s "
                + "longer than the truth) or the client's send time of its create (upstream's node e2e density test; exact to the "
                + "millisecond, includes the create request). Percentiles are nearest rank (p99 of 90 pods is the slowest pod). "
                + "ops/s = pods Running per second from the first send to the last Running.");
        lines.add(String.format(Locale.ROOT, "- no controller manager runs, so the bench set the Node's spec.podCIDR to %s itself "
                        + "(as the node IPAM controller would) once the node had registered (%.1f s after the bench started waiting); "
                        + "the agent learned it %s later.", s.podCidr(), registeredAfter / 1000.0,
                learnedAfter < 0 ? "(unknown; waited 12 s)" : String.format(Locale.ROOT, "%.1f s", learnedAfter / 1000.0)));
        if (s.warmupPods() > 0) {
            lines.add(String.format(Locale.ROOT, "- before the rounds, %d unreported warm-up pod(s) were started and deleted "
                    + "(the first pod creates the node's Docker network; the JIT warms up).", s.warmupPods()));
        }
        return lines;
    }

    private List<String> deletionLines(List<Deletion> deletions) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < deletions.size(); i++) {
            Deletion d = deletions.get(i);
            lines.add(String.format(Locale.ROOT, "- round %d: %s; containers of the node still running when the last pod was gone: %s; "
                            + "containers of the node left 30 s later: %s", i + 1,
                    d.goneMillis() < 0 ? "**only " + d.gone() + " of " + s.pods() + " pods gone** after " + s.timeout().toSeconds() + " s"
                            : String.format(Locale.ROOT, "all %d pods gone %.2f s after the DELETE", d.gone(), d.goneMillis() / 1000.0),
                    count(d.runningContainersAtGone()), d.containersLeft() == 0 ? "0" : "**" + count(d.containersLeft()) + "**"));
        }
        return lines;
    }

    private List<String> baselineLines(DockerBaseline.Result b) {
        Percentiles p = Percentiles.of(b.podMillis());
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "- %d pods started at once, each as the agent does it: `docker run -d` of a %s sandbox on "
                + "network %s, then `docker run -d` of a %s container in the sandbox's network namespace (%d threads, one per pod).",
                s.pods(), s.image(), s.network(), s.image(), s.pods()));
        lines.add(String.format(Locale.ROOT, "- from the start of the batch to both containers of a pod running: p50 / p90 / p99 / max %s; "
                + "whole batch %.2f s%s", p.format(), b.batchMillis() / 1000.0,
                b.failed() == 0 ? "" : "; **" + b.failed() + " failed** (first: " + b.firstError() + ")"));
        lines.add("- this is a floor for the agent's startup latency on this engine at that moment: the agent makes the same two "
                + "containers per pod (plus status writes and the watch), without the CLI's process start per call.");
        return lines;
    }

    private static String count(int n) {
        return n < 0 ? "n/a (docker not answering)" : Integer.toString(n);
    }

    private List<String> memoryLines(HeapProbe.Sample idle, HeapProbe.Sample loaded) {
        List<String> lines = new ArrayList<>();
        lines.add("| node agent | RSS | heap used | heap max | GC forced first |");
        lines.add("|---|---:|---:|---:|---|");
        lines.add(memoryRow("no pods (after the warm-up)", idle));
        lines.add(memoryRow(s.pods() + " pods Running (last round)", loaded));
        lines.add("");
        lines.add("RSS from /proc/<pid>/status (VmRSS); heap = the agent's jvm.memory.used{area=heap} after `jcmd <pid> GC.run`.");
        return lines;
    }

    private static List<String> timeLines(String before, String after) {
        if (before.isEmpty() || after.isEmpty()) {
            return List.of("- n/a: the agent's /actuator/prometheus could not be read");
        }
        List<String> lines = new ArrayList<>();
        lines.add("kubelet_pod_start_duration_seconds (the kubelet first saw the pod -> its containers started):");
        lines.addAll(TimerTotals.parse(after, POD_START, "").lines(TimerTotals.parse(before, POD_START, "")));
        lines.add("");
        lines.add("kubelet_runtime_operations_duration_seconds by operation_type (Docker Engine calls; concurrent calls overlap):");
        lines.addAll(TimerTotals.parse(after, RUNTIME_OPS, "operation_type").lines(TimerTotals.parse(before, RUNTIME_OPS, "operation_type")));
        return lines;
    }

    private static String memoryRow(String label, HeapProbe.Sample m) {
        if (m == null) {
            return "| " + label + " | n/a | n/a | n/a | |";
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", label, ProcessStats.mib(m.rssBytes()),
                ProcessStats.mib(m.heapUsedBytes()), ProcessStats.mib(m.heapMaxBytes()), m.gcForced() ? "yes" : "no");
    }

    private CpuMeter.Snapshot[] cpu() {
        return new CpuMeter.Snapshot[] {new CpuMeter(pids.agent()).now(), new CpuMeter(pids.apiserver()).now(), new CpuMeter(pids.redis()).now()};
    }

    private List<String> cpuSince(CpuMeter.Snapshot[] start) {
        CpuMeter.Snapshot[] end = cpu();
        double wall = (end[0].wallNanos() - start[0].wallNanos()) / 1e9;
        return List.of(String.format(Locale.ROOT, "- node agent %s, apiserver %s, redis %s, bench %.1f s CPU in %.1f s wall (%d cores)",
                seconds(start[0], end[0]), seconds(start[1], end[1]), seconds(start[2], end[2]),
                end[0].bench() - start[0].bench(), wall, Runtime.getRuntime().availableProcessors()));
    }

    static String seconds(CpuMeter.Snapshot a, CpuMeter.Snapshot b) {
        return a.server() < 0 || b.server() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f s", b.server() - a.server());
    }

    private static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
