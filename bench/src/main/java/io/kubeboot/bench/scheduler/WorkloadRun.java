package io.kubeboot.bench.scheduler;

import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.ApiContext;
import io.kubeboot.bench.core.CpuMeter;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.PhaseResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One scheduler_perf workload against the real apiserver and scheduler, as upstream's workloadTemplate
 * runs it: createNodes, createPods (init, not measured, waited for), createPods (measured,
 * collectMetrics), then a clean-up so the next workload starts from an empty cluster.
 */
public final class WorkloadRun {
    /** The process ids whose CPU the report splits; any may be empty. */
    public record Pids(String scheduler, String apiserver, String redis) {
    }

    /** The run's parameters, shared by all workloads. */
    public record Settings(int nodes, int initPods, int pods, int clients, String metricsUrl, Duration stallTimeout,
                           Duration settle) {
        /** The same run at another size (the warm-up). */
        public Settings resized(int nodes, int initPods, int pods) {
            return new Settings(nodes, initPods, pods, clients, metricsUrl, stallTimeout, settle);
        }
    }

    static final String HISTOGRAM = "scheduler_scheduling_attempt_duration_seconds";
    static final String DROPPED_EVENTS = "event_recorder_dropped_events_total";
    static final String MEASURED_PREFIX = "m-";

    private final ApiContext ctx;
    private final ClusterOps ops;
    private final Templates templates;
    private final Settings settings;
    private final Pids pids;
    private final String runId;

    /** {@code runId} names the namespaces and nodes; a warm-up uses a run id of its own so nothing collides. */
    public WorkloadRun(ApiContext ctx, ClusterOps ops, Templates templates, Settings settings, Pids pids, String runId) {
        this.ctx = ctx;
        this.ops = ops;
        this.templates = templates;
        this.settings = settings;
        this.pids = pids;
        this.runId = runId;
    }

    public WorkloadResult run(Workload w) throws Exception {
        String shortName = w.name().replace("Scheduling", "").toLowerCase(Locale.ROOT);
        String ns = "sched-" + runId + "-" + shortName;
        String podsPath = ApiContext.podsPath(ns);
        List<String> notes = new ArrayList<>();
        ctx.createNamespace(ns);
        ApiClient api = ctx.api();

        log("%s: creating %d nodes", w.name(), settings.nodes());
        String nodePrefix = shortName + "-" + runId + "-node-";
        PhaseResult nodes = ops.create(w.name() + " nodes", "/api/v1/nodes", settings.clients(), settings.nodes(),
                seq -> templates.node(nodePrefix + seq, w.nodeLabels())).result("node creates", settings.clients());
        requireNoFailures(nodes);

        String rv = ops.podListResourceVersion(ns);
        try (BindingWatch watch = BindingWatch.open(api, ns, rv, MEASURED_PREFIX, settings.pods())) {
            log("%s: creating %d init pods and waiting until they are bound", w.name(), settings.initPods());
            long t = System.nanoTime();
            PhaseResult init = ops.create(w.name() + " init pods", podsPath, settings.clients(), settings.initPods(),
                    seq -> templates.pod(ns, "i-" + seq, w.nodeAffinity())).result("init pod creates", settings.clients());
            requireNoFailures(init);
            if (!waitFor(w.name() + " init bound", watch::initBound, init.ops(), watch)) {
                notes.add("- init pods: only " + watch.initBound() + " of " + init.ops() + " bound before the wait stalled");
            }
            double initWait = (System.nanoTime() - t) / 1e9;

            log("%s: measured phase, %d pods with %d clients", w.name(), settings.pods(), settings.clients());
            Map<String, String> scheduled = Map.of("result", "scheduled");
            String before = ops.scrape(settings.metricsUrl());
            Cpu cpu = new Cpu(pids);
            ThroughputSampler sampler = new ThroughputSampler();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "throughput-sampler");
                th.setDaemon(true);
                return th;
            });
            ticker.scheduleAtFixedRate(() -> sampler.sample(System.nanoTime(), watch.measuredBound()), 1, 1, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            LatencyRecorder creates = ops.create(w.name() + " measured pods", podsPath, settings.clients(), settings.pods(),
                    seq -> templates.pod(ns, MEASURED_PREFIX + seq, w.nodeAffinity()));
            PhaseResult podCreates = creates.result("measured pod creates", settings.clients());
            if (!waitFor(w.name() + " bound", watch::measuredBound, podCreates.ops(), watch)) {
                notes.add("- measured pods: only " + watch.measuredBound() + " of " + podCreates.ops()
                        + " bound; the wait stopped " + settings.stallTimeout().toSeconds() + " s after the last binding");
            }
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            List<String> cpuLines = cpu.since(w.name() + ", measured phase");
            String after = ops.scrape(settings.metricsUrl());
            if (watch.failure() != null) {
                notes.add("- watch: " + watch.failure());
            }
            long bound = watch.measuredBound();
            double window = bound == 0 ? 0 : (watch.lastMeasuredNanos() - t0) / 1e9;

            double p50 = Double.NaN;
            double p90 = Double.NaN;
            double p99 = Double.NaN;
            double[] attempts = {Double.NaN, Double.NaN, Double.NaN};
            if (before.isEmpty() || after.isEmpty()) {
                notes.add("- scheduler metrics not readable at " + settings.metricsUrl() + ": attempt latency not recorded");
            } else {
                PromHistogram h = PromHistogram.parse(after, HISTOGRAM, scheduled).minus(PromHistogram.parse(before, HISTOGRAM, scheduled));
                p50 = h.quantile(0.50) * 1000;
                p90 = h.quantile(0.90) * 1000;
                p99 = h.quantile(0.99) * 1000;
                // the scheduler's event recorder drops events when its queue (1000, upstream's maxQueuedEvents) is
                // full, as upstream's broadcaster does: how many Scheduled events the apiserver did not have to take
                double dropped = PromHistogram.sum(after, DROPPED_EVENTS, Map.of()) - PromHistogram.sum(before, DROPPED_EVENTS, Map.of());
                notes.add(String.format(Locale.ROOT, "- %s: events the scheduler dropped in the measured phase (its queue of 1000 full): %.0f",
                        w.name(), dropped));
                String[] results = {"scheduled", "unschedulable", "error"};
                for (int i = 0; i < results.length; i++) {
                    Map<String, String> l = Map.of("result", results[i]);
                    attempts[i] = PromHistogram.parse(after, HISTOGRAM, l).minus(PromHistogram.parse(before, HISTOGRAM, l)).count();
                }
            }
            WorkloadResult result = new WorkloadResult(w, settings.nodes(), settings.initPods(), settings.pods(), nodes, init,
                    podCreates, initWait, bound, window, sampler.summary(), attempts[0], attempts[1], attempts[2],
                    p50, p90, p99, cpuLines, notes);
            watch.close();
            cleanUp(w, ns);
            return result;
        }
    }

    /**
     * Waits until {@code count} reaches {@code target}; gives up when it has not moved for the stall
     * timeout or the watch failed. Prints progress every 5 s.
     */
    private boolean waitFor(String what, LongSupplier count, long target, BindingWatch watch) throws InterruptedException {
        long last = -1;
        long lastMove = System.nanoTime();
        long lastPrint = System.nanoTime();
        long start = lastPrint;
        while (true) {
            long n = count.getAsLong();
            if (n >= target) {
                return true;
            }
            long now = System.nanoTime();
            if (n != last) {
                last = n;
                lastMove = now;
            } else if (now - lastMove > settings.stallTimeout().toNanos() || watch.failure() != null) {
                return false;
            }
            if (now - lastPrint > 5_000_000_000L) {
                lastPrint = now;
                System.err.printf("  [%s] %3ds: %d of %d%n", what, (now - start) / 1_000_000_000L, n, target);
            }
            Thread.sleep(20);
        }
    }

    private void cleanUp(Workload w, String ns) throws Exception {
        log("%s: deleting the pods (gracePeriodSeconds=0), the nodes and the namespace", w.name());
        ops.cleanUp(ns, templates.runSelector());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while ((ops.anyLeft("/api/v1/nodes?labelSelector=" + templates.runSelector().replace("/", "%2F").replace("=", "%3D"))
                || ops.anyLeft(ApiContext.podsPath(ns))) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // the scheduler's informers process thousands of delete events; let them drain before the next workload
        Thread.sleep(settings.settle().toMillis());
    }

    private static void requireNoFailures(PhaseResult r) {
        if (r.failureCount() > 0) {
            throw new IllegalStateException(r.name() + " failed: " + r.failureSummary());
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }

    /** CPU seconds of the bench, scheduler, apiserver and Redis over one phase. */
    private static final class Cpu {
        private final CpuMeter scheduler;
        private final CpuMeter apiserver;
        private final CpuMeter redis;
        private final CpuMeter.Snapshot s0;
        private final CpuMeter.Snapshot a0;
        private final CpuMeter.Snapshot r0;

        Cpu(Pids pids) {
            scheduler = new CpuMeter(pids.scheduler());
            apiserver = new CpuMeter(pids.apiserver());
            redis = new CpuMeter(pids.redis());
            s0 = scheduler.now();
            a0 = apiserver.now();
            r0 = redis.now();
        }

        List<String> since(String label) {
            CpuMeter.Snapshot s1 = scheduler.now();
            CpuMeter.Snapshot a1 = apiserver.now();
            CpuMeter.Snapshot r1 = redis.now();
            return List.of(String.format(Locale.ROOT, "- %s: scheduler %s, apiserver %s, redis %s, bench %.1f s CPU in %.1f s wall (%d cores)",
                    label, secs(s0, s1), secs(a0, a1), secs(r0, r1), s1.bench() - s0.bench(),
                    (s1.wallNanos() - s0.wallNanos()) / 1e9, Runtime.getRuntime().availableProcessors()));
        }

        private static String secs(CpuMeter.Snapshot a, CpuMeter.Snapshot b) {
            return CpuMeter.serverCpu(a, b);
        }
    }
}
