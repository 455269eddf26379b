package io.kubeboot.bench;

import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.ApiContext;
import io.kubeboot.bench.core.Flags;
import io.kubeboot.bench.core.PhaseResult;
import io.kubeboot.bench.core.Report;
import io.kubeboot.bench.scheduler.ClusterOps;
import io.kubeboot.bench.scheduler.Templates;
import io.kubeboot.bench.scheduler.ThroughputSampler;
import io.kubeboot.bench.scheduler.Workload;
import io.kubeboot.bench.scheduler.WorkloadResult;
import io.kubeboot.bench.scheduler.WorkloadRun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The scheduler under upstream scheduler_perf's SchedulingBasic and SchedulingNodeAffinity workloads,
 * through a real apiserver with simulated nodes (Node objects only, no kubelet): per workload, create
 * {@code --nodes} nodes, {@code --init-pods} pods (waited for, not measured), then {@code --pods} pods
 * as fast as {@code --create-clients} clients can, while a pod watch timestamps every binding.
 * Reports the throughput (measured pods / (last binding - first create)), upstream's per-second
 * SchedulingThroughput series and the scheduling attempt latency from the scheduler's own histogram.
 *
 * <p>Flags: --url, --nodes [5000], --init-pods [1000], --pods [10000], --workloads
 * [SchedulingBasic,SchedulingNodeAffinity], --scheduler-metrics-url, --scheduler-pid, --apiserver-pid,
 * --redis-pid (CPU split), --create-clients [16], --stall-timeout [60s], --settle [5s], --warmup-pods [1000]
 * (an unreported run of each workload on at most 500 nodes first, so that the JVMs are warm).
 */
public final class SchedulerBench {
    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        String url = flags.string("url", "http://127.0.0.1:6443");
        WorkloadRun.Settings settings = new WorkloadRun.Settings(flags.integer("nodes", 5000), flags.integer("init-pods", 1000),
                flags.integer("pods", 10_000), flags.integer("create-clients", 16),
                flags.string("scheduler-metrics-url", "http://127.0.0.1:10259/actuator/prometheus"),
                flags.duration("stall-timeout", "60s"), flags.duration("settle", "5s"));
        int warmupPods = flags.integer("warmup-pods", 10_000);
        int warmupNodes = flags.integer("warmup-nodes", settings.nodes());
        List<Workload> workloads = Arrays.stream(flags.string("workloads", "SchedulingBasic,SchedulingNodeAffinity").split(","))
                .map(String::trim).map(Workload::named).toList();
        WorkloadRun.Pids pids = new WorkloadRun.Pids(flags.string("scheduler-pid", ""), flags.string("apiserver-pid", ""),
                flags.string("redis-pid", ""));
        flags.rejectUnknown();

        String runId = UUID.randomUUID().toString().substring(0, 6);
        Report report = new Report("SchedulerBench (" + url + ", run " + runId + ")", flags.effective());
        List<WorkloadResult> results = new ArrayList<>();
        try (ApiClient api = new ApiClient(url)) {
            if (warmupPods > 0) {
                // Both JVMs start cold; without this the workload measures the JIT compiler. The warm-up has the
                // measured run's shape (same nodes, as many pods): with 1,000 pods on 500 nodes the C2 compiler
                // still took 35-47% of the scheduler's and the apiserver's CPU in the measured phase (profiled):
                // code that runs once per pod or per node event only reaches C2's thresholds after thousands of calls.
                String warmId = runId + "w";
                WorkloadRun warm = new WorkloadRun(new ApiContext(api, warmId), new ClusterOps(api, url), new Templates(warmId),
                        settings.resized(warmupNodes, 0, warmupPods), pids, warmId);
                for (Workload w : workloads) {
                    System.err.printf("bench: warm-up (not reported): %s with %d nodes and %d pods%n", w.name(), warmupNodes, warmupPods);
                    warm.run(w);
                }
            }
            WorkloadRun run = new WorkloadRun(new ApiContext(api, runId), new ClusterOps(api, url), new Templates(runId),
                    settings, pids, runId);
            for (Workload w : workloads) {
                results.add(run.run(w));
            }
        }
        for (WorkloadResult r : results) {
            report.phase(renamed(r.nodeCreates(), r.workload().name() + ": node creates"));
            report.phase(renamed(r.initCreates(), r.workload().name() + ": init pod creates"));
            report.phase(renamed(r.podCreates(), r.workload().name() + ": measured pod creates"));
        }
        report.section("Scheduling throughput and latency", table(results));
        List<String> details = new ArrayList<>();
        List<String> cpu = new ArrayList<>();
        for (WorkloadResult r : results) {
            details.add(String.format(Locale.ROOT, "- %s: init pods created and bound in %.1f s; measured attempts by result: "
                            + "scheduled %.0f, unschedulable %.0f, error %.0f", r.workload().name(), r.initWaitSeconds(),
                    r.attemptsScheduled(), r.attemptsUnschedulable(), r.attemptsError()));
            details.addAll(r.notes());
            cpu.addAll(r.cpu());
        }
        report.section("Details", details);
        report.section("CPU split (everything shares the machine)", cpu);
        report.print(System.out);
        System.exit(0);
    }

    private static List<String> table(List<WorkloadResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| workload | nodes | init pods | measured pods | bound | window s | **pods/s** | SchedulingThroughput avg / p50 / p90 / p99 / min (samples) "
                + "| attempt p50 / p90 / p99 ms | target | met |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---|---|---|---|");
        for (WorkloadResult r : results) {
            ThroughputSampler.Summary s = r.series();
            String series = s == null ? "n/a (under 2 s)" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f (%d)",
                    s.average(), s.perc50(), s.perc90(), s.perc99(), s.min(), s.samples());
            lines.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f | **%.0f** | %s | %.1f / %.1f / %.1f | >= %.0f pods/s, p99 recorded | %s |",
                    r.workload().name(), r.nodes(), r.initPods(), r.pods(), r.measuredBound(), r.windowSeconds(), r.throughput(),
                    series, r.attemptP50Ms(), r.attemptP90Ms(), r.attemptP99Ms(), r.workload().targetPodsPerSecond(),
                    Report.verdict(r.met())));
        }
        lines.add("");
        lines.add("pods/s = measured pods bound / (receipt of the last binding on the watch - send of the first measured create). "
                + "SchedulingThroughput as upstream scheduler_perf: pods bound per ~1 s sample, first sample skipped. "
                + "Attempt latency: `" + "scheduler_scheduling_attempt_duration_seconds{result=\"scheduled\"}` histogram, "
                + "difference over the measured phase, linear interpolation inside buckets.");
        return lines;
    }

    private static PhaseResult renamed(PhaseResult r, String name) {
        return new PhaseResult(name, r.clients(), r.ops(), r.seconds(), r.p50(), r.p90(), r.p99(), r.max(), r.failures());
    }
}
