package io.kubeboot.bench;

import io.kubeboot.bench.core.NameSample;
import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.ApiContext;
import io.kubeboot.bench.api.CreatePods;
import io.kubeboot.bench.api.GetPods;
import io.kubeboot.bench.api.HeapProbe;
import io.kubeboot.bench.api.ListPods;
import io.kubeboot.bench.api.UpdatePods;
import io.kubeboot.bench.api.WatchFanOut;
import io.kubeboot.bench.core.ClosedLoop;
import io.kubeboot.bench.core.CpuMeter;
import io.kubeboot.bench.core.Flags;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.PhaseResult;
import io.kubeboot.bench.core.Report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Load against a running apiserver (meant for one on 127.0.0.1), phase after phase: pod creates, gets,
 * updates, lists, watch fan-out, then the heap with {@code --pods} pods stored. Prints a Markdown
 * report with the targets of the issue. Every phase is bounded in time; the run ends by itself.
 *
 * <p>A warm-up (creates, gets and updates in a namespace of its own, not reported) comes first: the
 * apiserver is a JVM, and without it the first phases would measure the JIT compiler, not the
 * steady state a long-running apiserver is in.
 *
 * <p>Flags: --url, --warmup, --duration (of each closed-loop phase), --clients (creates, updates),
 * --get-clients, --list-clients, --list-size, --watchers, --watch-rate, --watch-warmup (untimed writes at the
 * watch rate before the timed ones), --watch-duration, --pods,
 * --memory-timeout, --apiserver-pid (to force a GC before reading the heap, and for the CPU split),
 * --phases (comma list of create,get,update,list,watch,memory).
 */
public final class ApiServerBench {
    private final ApiContext ctx;
    private final Report report;
    private final CpuMeter cpu;
    private final List<String> notes = new ArrayList<>();
    private final List<String> cpuLines = new ArrayList<>();
    private final NameSample created = new NameSample(10_000);
    private final String podsNs;

    private ApiServerBench(ApiContext ctx, Report report, CpuMeter cpu) {
        this.ctx = ctx;
        this.report = report;
        this.cpu = cpu;
        this.podsNs = ctx.namespace("pods");
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        String url = flags.string("url", "http://127.0.0.1:6443");
        Duration warmup = flags.duration("warmup", "30s");
        Duration duration = flags.duration("duration", "20s");
        int clients = flags.integer("clients", 16);
        int getClients = flags.integer("get-clients", 64);
        int listClients = flags.integer("list-clients", 4);
        int listSize = flags.integer("list-size", 500);
        int watchers = flags.integer("watchers", 1000);
        int watchRate = flags.integer("watch-rate", 200);
        Duration watchDuration = flags.duration("watch-duration", "30s");
        Duration watchWarmup = flags.duration("watch-warmup", "20s");
        int pods = flags.integer("pods", 100_000);
        Duration memoryTimeout = flags.duration("memory-timeout", "10m");
        String pid = flags.string("apiserver-pid", "");
        Set<String> phases = Set.of(flags.string("phases", "create,get,update,list,watch,memory").split(","));
        flags.rejectUnknown();

        String runId = UUID.randomUUID().toString().substring(0, 6);
        Report report = new Report("ApiServerBench (" + url + ", run " + runId + ")", flags.effective());
        try (ApiClient api = new ApiClient(url)) {
            ApiServerBench bench = new ApiServerBench(new ApiContext(api, runId), report, new CpuMeter(pid));
            HeapProbe heap = new HeapProbe(api, pid);
            // the baseline comes first, before this run has stored anything
            HeapProbe.Sample baseline = phases.contains("memory") ? heap.sample() : null;
            bench.warmUp(clients, getClients, warmup);
            bench.ctx.createNamespace(bench.podsNs);
            if (phases.contains("create")) {
                bench.creates(clients, duration);
            } else {
                bench.seed(clients);
            }
            if (phases.contains("get")) {
                bench.gets(getClients, duration);
            }
            if (phases.contains("update")) {
                bench.updates(clients, duration);
            }
            if (phases.contains("list")) {
                bench.lists(listClients, listSize, clients, duration);
            }
            if (phases.contains("watch")) {
                bench.watch(watchers, watchRate, watchWarmup, watchDuration);
            }
            if (phases.contains("memory")) {
                bench.memory(heap, baseline, pods, clients, memoryTimeout);
            }
            bench.finish();
        }
        report.print(System.out);
        // reactor-netty and Lettuce threads are daemons, but a stuck stream must not keep the JVM alive
        System.exit(0);
    }

    private void warmUp(int clients, int getClients, Duration warmup) throws InterruptedException {
        if (warmup.isZero()) {
            return;
        }
        log("warm-up: creates, gets and updates for %ds (not reported)", warmup.toSeconds());
        String ns = ctx.namespace("warm-up");
        ctx.createNamespace(ns);
        NameSample warm = new NameSample(10_000);
        Duration third = warmup.dividedBy(3);
        new CreatePods(ctx, ns, "w", warm).run(ClosedLoop.timed("warm-up create", clients, third));
        new GetPods(ctx, ns, warm).run(ClosedLoop.timed("warm-up get", getClients, third));
        UpdatePods updates = new UpdatePods(ctx, ns, warm.head(200));
        updates.prepare(clients);
        updates.run(ClosedLoop.timed("warm-up update", clients, third));
    }

    private void creates(int clients, Duration duration) throws InterruptedException {
        log("creates: %d clients for %ds", clients, duration.toSeconds());
        CpuMeter.Snapshot c = cpu.now();
        PhaseResult r = new CreatePods(ctx, podsNs, "c", created)
                .run(ClosedLoop.timed("create", clients, duration)).result("pod creates", clients);
        cpuLines.add("- creates: " + cpu.since(c));
        report.phase(r, ">= 2000/s, p99 <= 50 ms", r.perSecond() >= 2000 && r.p99() <= 50);
    }

    /** Without the create phase, the read and update phases still need pods to work on. */
    private void seed(int clients) throws InterruptedException {
        new CreatePods(ctx, podsNs, "c", created).run(ClosedLoop.counted("seed", clients, 1000, Duration.ofMinutes(5)));
    }

    private void gets(int clients, Duration duration) throws InterruptedException {
        log("gets: %d clients for %ds", clients, duration.toSeconds());
        CpuMeter.Snapshot c = cpu.now();
        PhaseResult r = new GetPods(ctx, podsNs, created)
                .run(ClosedLoop.timed("get", clients, duration)).result("single gets", clients);
        cpuLines.add("- gets: " + cpu.since(c));
        report.phase(r, ">= 10000/s", r.perSecond() >= 10_000);
    }

    private void updates(int clients, Duration duration) throws InterruptedException {
        UpdatePods updates = new UpdatePods(ctx, podsNs, created.head(1000));
        updates.prepare(clients);
        log("updates: %d clients for %ds", clients, duration.toSeconds());
        CpuMeter.Snapshot c = cpu.now();
        report.phase(updates.run(ClosedLoop.timed("update", clients, duration)).result("pod updates (PUT)", clients));
        cpuLines.add("- updates: " + cpu.since(c));
        notes.add("- Updates: " + updates.conflicts() + " conflicts (409) retried after a fresh GET; "
                + "the latency covers the whole update, retries included.");
    }

    private void lists(int clients, int size, int fillClients, Duration duration) throws InterruptedException {
        ListPods lists = new ListPods(ctx, ctx.namespace("list"), size);
        long filled = lists.prepare(fillClients);
        log("lists of %d pods: %d clients for %ds", filled, clients, duration.toSeconds());
        CpuMeter.Snapshot c = cpu.now();
        PhaseResult r = lists.run(ClosedLoop.timed("list", clients, duration)).result("list " + filled + " pods", clients);
        cpuLines.add("- lists: " + cpu.since(c));
        report.phase(r);
        notes.add(String.format(Locale.ROOT, "- Lists: %d pods per list, %.0f KiB per response.", filled,
                r.ops() == 0 ? 0.0 : lists.bytes() / (double) r.ops() / 1024));
    }

    private void watch(int watchers, int rate, Duration warmup, Duration duration) throws InterruptedException {
        log("watch fan-out: %d watchers, %d writes/s for %ds after %ds untimed", watchers, rate, duration.toSeconds(), warmup.toSeconds());
        CpuMeter.Snapshot c = cpu.now();
        WatchFanOut.Result w = new WatchFanOut(ctx, ctx.namespace("watch"), watchers, rate).run(warmup, duration);
        cpuLines.add("- watch fan-out: " + cpu.since(c));
        report.phase(w.writes());
        boolean all = w.complete() == w.watchers() && w.expectedPerWatcher() > 0;
        report.phase(w.delivery(), "every event to every watcher, p99 <= 100 ms", all && w.delivery().p99() <= 100);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "- watchers: %d (all streaming, i.e. warm-up event received, after %.1f s%s)",
                w.watchers(), w.connectSeconds(), w.connectFailures().isEmpty() ? "" : "; not streaming: " + w.connectFailures()));
        lines.add(String.format(Locale.ROOT, "- writes: %d ok (+1 untimed warm-up event, then %d ok and %d failed in the untimed %d s warm-up "
                        + "at the same rate) at a target of %d/s for %d s (achieved %.0f/s)",
                w.writes().ops(), w.warmupWrites(), w.warmupWriteFailures(), warmup.toSeconds(), rate, duration.toSeconds(),
                w.writes().perSecond()));
        lines.add(String.format(Locale.ROOT, "- watchers that received every event: **%d / %d**; events per watcher min %d, max %d (expected %d); "
                        + "the last events arrived %.1f s after the writer stopped (waiting stops 5 s after the last event)",
                w.complete(), w.watchers(), w.minEvents(), w.maxEvents(), w.expectedPerWatcher(), w.drainSeconds()));
        lines.add(String.format(Locale.ROOT, "- delivery latency (writer's send start to receipt): p50 %.1f ms, p90 %.1f ms, p99 **%.1f ms**, max %.1f ms",
                w.delivery().p50(), w.delivery().p90(), w.delivery().p99(), w.delivery().max()));
        lines.add("- streams ended by the server before the end: " + w.endedEarly() + "; lines without a bench event: " + w.otherLines());
        report.section("Watch fan-out", lines);
    }

    private void memory(HeapProbe heap, HeapProbe.Sample baseline, int target, int clients, Duration timeout) throws Exception {
        long missing = target - ctx.podsCreated();
        List<String> lines = new ArrayList<>();
        if (missing > 0) {
            String ns = ctx.namespace("mem");
            ctx.createNamespace(ns);
            log("memory: creating %d more pods (%d so far) with %d clients", missing, ctx.podsCreated(), clients);
            CpuMeter.Snapshot c = cpu.now();
            LatencyRecorder topUp = new CreatePods(ctx, ns, "m", new NameSample(0))
                    .run(ClosedLoop.counted("memory", clients, missing, timeout));
            cpuLines.add("- memory top-up: " + cpu.since(c));
            PhaseResult r = topUp.result("memory top-up", clients);
            lines.add(String.format(Locale.ROOT, "- top-up: %d pods at %.0f/s (p99 %.1f ms, failures %s)",
                    r.ops(), r.perSecond(), r.p99(), r.failureSummary()));
        }
        HeapProbe.Sample after = heap.sample();
        long stored = ctx.podsCreated();
        lines.add(0, String.format(Locale.ROOT, "- pods created by this run (all still stored): **%d** (target %d)", stored, target));
        lines.add(String.format(Locale.ROOT, "- heap used %s: before the run %s, with the pods **%s** (heap max %s); about %.1f KiB per pod",
                after.gcForced() ? "after a full GC (jcmd GC.run)" : "(no GC forced: no --apiserver-pid; includes garbage)",
                mib(baseline.heapUsedBytes()), mib(after.heapUsedBytes()), mib(after.heapMaxBytes()),
                stored == 0 ? 0.0 : (after.heapUsedBytes() - baseline.heapUsedBytes()) / 1024.0 / stored));
        if (after.rssBytes() > 0) {
            lines.add("- apiserver process RSS: " + mib(after.rssBytes()));
        }
        boolean met = after.gcForced() && stored >= target && after.heapUsedBytes() < (1L << 30);
        lines.add("- target heap < 1 GiB with " + target + " pods: " + Report.verdict(met)
                + (after.gcForced() ? "" : " (not verified: no GC forced)"));
        report.section("Memory", lines);
    }

    private void finish() {
        if (!notes.isEmpty()) {
            report.section("Notes", notes);
        }
        if (!cpuLines.isEmpty()) {
            report.section("CPU split (load generator and apiserver share the machine)", cpuLines);
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
