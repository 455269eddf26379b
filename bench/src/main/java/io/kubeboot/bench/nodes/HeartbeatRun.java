package io.kubeboot.bench.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.HttpResult;
import io.kubeboot.bench.controllers.JsonWatch;
import io.kubeboot.bench.core.CpuMeter;
import io.kubeboot.bench.core.Report;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heartbeat phase of {@link io.kubeboot.bench.NodeBench}: one node agent process playing {@code --nodes}
 * simulated nodes at upstream's intervals (Lease renewed every 10 s, status computed every 10 s and written when
 * changed or every 5 min). Waits until every Node and its Lease exist, lets the start-up burst settle, then for
 * {@code --duration} records the apiserver's CPU, the Lease renewals and Node writes a watch sees, the longest
 * gap between renewals of any Lease, the requests the apiserver served (its own counters) and the agent's CPU and
 * memory.
 */
public final class HeartbeatRun {
    static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";
    static final String NODES = "/api/v1/nodes";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Settings(String url, String prefix, int nodes, Duration duration, Duration settle, Duration registerTimeout,
                           int leaseDurationSeconds, long agentStartedMillis) {
    }

    /** Process ids; any may be empty. */
    public record Pids(String agent, String apiserver, String redis) {
    }

    private final Settings s;
    private final Pids pids;
    private final Map<String, String> effective;
    private final RenewalGaps gaps = new RenewalGaps();
    private final AtomicLong leaseWrites = new AtomicLong();
    private final AtomicLong nodeWrites = new AtomicLong();

    public HeartbeatRun(Settings settings, Pids pids, Map<String, String> effective) {
        this.s = settings;
        this.pids = pids;
        this.effective = effective;
    }

    /** Runs, prints the Markdown report; false when some node never registered, a watch failed or a Lease went unrenewed too long. */
    public boolean run(PrintStream out) throws Exception {
        Report report = new Report("NodeBench heartbeat (" + s.nodes() + " simulated nodes " + s.prefix() + "-*)", effective);
        Calls calls = new Calls(s.url());
        try (ApiClient api = new ApiClient(s.url())) {
            long registered = awaitRegistered(api);
            if (registered < 0) {
                report.section("Registration", List.of("- **not all nodes registered** within " + s.registerTimeout().toSeconds()
                        + " s: " + ownNames(api, NODES).size() + " Nodes, " + ownNames(api, LEASES).size() + " Leases"));
                report.print(out);
                return false;
            }
            log("all %d nodes and Leases exist; settling %d s", s.nodes(), s.settle().toSeconds());
            Thread.sleep(s.settle().toMillis());

            long start = System.currentTimeMillis();
            String leaseVersion = startGaps(api, start);
            String nodeVersion = Calls.listVersion(api, NODES);
            CpuMeter.Snapshot[] cpuStart;
            RequestCounts requestsStart;
            long end;
            String watchFailure;
            try (JsonWatch leases = JsonWatch.open(api, LEASES, leaseVersion, this::onLease);
                 JsonWatch nodes = JsonWatch.open(api, NODES, nodeVersion, this::onNode)) {
                requestsStart = RequestCounts.parse(calls.metrics());
                cpuStart = cpu();
                log("measuring for %d s", s.duration().toSeconds());
                long deadline = start + s.duration().toMillis();
                long nextLog = start + 10_000;
                while (System.currentTimeMillis() < deadline && leases.failure() == null && nodes.failure() == null) {
                    Thread.sleep(100);
                    if (System.currentTimeMillis() >= nextLog) {
                        nextLog += 10_000;
                        log("%d s: %d Lease writes, %d Node writes seen", (System.currentTimeMillis() - start) / 1000,
                                leaseWrites.get(), nodeWrites.get());
                    }
                }
                end = System.currentTimeMillis();
                watchFailure = leases.failure() != null ? "Lease watch: " + leases.failure()
                        : nodes.failure() != null ? "Node watch: " + nodes.failure() : null;
            }
            CpuMeter.Snapshot[] cpuEnd = cpu();
            RequestCounts requestsEnd = RequestCounts.parse(calls.metrics());
            long agentRss = ProcessStats.rssBytes(pids.agent());
            RenewalGaps.Summary g;
            synchronized (gaps) {
                g = gaps.finish(end, s.leaseDurationSeconds() * 1000L);
            }
            double window = (end - start) / 1000.0;

            report.section("Heartbeats at upstream intervals", table(g, window));
            report.section("CPU and memory over the window (everything shares the machine)", cpuLines(cpuStart, cpuEnd, window, agentRss));
            report.section("Requests the apiserver served in the window (its apiserver_request_total)",
                    requestsEnd.isEmpty() || requestsStart.isEmpty() ? List.of("- n/a: the apiserver's metrics could not be read")
                            : requestsEnd.lines(requestsStart, window, 12));
            List<String> details = new ArrayList<>();
            details.add(String.format(Locale.ROOT, "- all %d Nodes and Leases existed %s; the window opened %d s later.", s.nodes(),
                    s.agentStartedMillis() > 0 ? String.format(Locale.ROOT, "%.1f s after the agent process was started",
                            (registered - s.agentStartedMillis()) / 1000.0) : "", s.settle().toSeconds()));
            details.add("- Lease renewals: Lease MODIFIED events on a watch of kube-node-lease whose spec.renewTime advanced; intervals "
                    + "and gaps are differences of renewTime (microseconds, the agent's clock); the gap of each Lease includes the "
                    + "open one from its last renewal to the end of the window. Node writes: Node MODIFIED events (status is "
                    + "computed every 10 s, written only when it changed or every 5 min, as upstream's kubelet does).");
            if (watchFailure != null) {
                details.add("- **" + watchFailure + "**");
            }
            report.section("How it was measured", details);
            report.print(out);
            return watchFailure == null && g.leases() >= s.nodes() && g.allWithinLimit();
        }
    }

    private void onLease(String type, JsonNode lease, long nanos) {
        String name = lease.path("metadata").path("name").asText();
        if (!"MODIFIED".equals(type) || !name.startsWith(s.prefix() + "-")) {
            return;
        }
        leaseWrites.incrementAndGet();
        synchronized (gaps) {
            gaps.seen(name, PodTimeline.parseMillis(lease.path("spec").path("renewTime").asText("")));
        }
    }

    private void onNode(String type, JsonNode node, long nanos) {
        if ("MODIFIED".equals(type) && node.path("metadata").path("name").asText().startsWith(s.prefix() + "-")) {
            nodeWrites.incrementAndGet();
        }
    }

    private List<String> table(RenewalGaps.Summary g, double window) {
        double expected = s.nodes() * window / 10.0;
        Percentiles iv = g.intervals();
        List<String> t = new ArrayList<>();
        t.add("| nodes | window s | Lease renewals (expected ~1 per node per 10 s) | renewals/s | per Lease min / max "
                + "| renewal interval p50 / p90 / p99 / max | longest gap | Leases with a gap > " + s.leaseDurationSeconds() + " s "
                + "| Node writes (/s) | target | met |");
        t.add("|---:|---:|---:|---:|---|---|---|---:|---:|---|---|");
        t.add(String.format(Locale.ROOT, "| %d | %.1f | %,d (%,.0f) | %.1f | %d / %d | %s | %.1f s (%s) | %d | %,d (%.1f) | every Lease renewed within %d s | %s |",
                s.nodes(), window, g.renewals(), expected, g.renewals() / window, g.minPerLease(), g.maxPerLease(),
                iv.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f s", iv.p50() / 1000.0, iv.p90() / 1000.0,
                        iv.p99() / 1000.0, iv.max() / 1000.0),
                g.maxGapMillis() / 1000.0, g.maxGapLease(), g.leasesOverLimit(), nodeWrites.get(), nodeWrites.get() / window,
                s.leaseDurationSeconds(), Report.verdict(g.leases() >= s.nodes() && g.allWithinLimit())));
        t.add("");
        t.add(String.format(Locale.ROOT, "Leases tracked: %d; Lease MODIFIED events seen: %,d.", g.leases(), leaseWrites.get()));
        return t;
    }

    private List<String> cpuLines(CpuMeter.Snapshot[] a, CpuMeter.Snapshot[] b, double window, long agentRss) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "- **apiserver: %s CPU, %s cores**; redis: %s, %s cores", StartupRun.seconds(a[1], b[1]),
                cores(a[1], b[1], window), StartupRun.seconds(a[2], b[2]), cores(a[2], b[2], window)));
        lines.add(String.format(Locale.ROOT, "- node agent (%d simulated nodes): %s CPU, %s cores; RSS at the end %s", s.nodes(),
                StartupRun.seconds(a[0], b[0]), cores(a[0], b[0], window), ProcessStats.mib(agentRss)));
        lines.add(String.format(Locale.ROOT, "- bench: %.1f s CPU; window %.1f s on %d cores", b[0].bench() - a[0].bench(), window,
                Runtime.getRuntime().availableProcessors()));
        return lines;
    }

    private static String cores(CpuMeter.Snapshot a, CpuMeter.Snapshot b, double window) {
        return a.server() < 0 || b.server() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (b.server() - a.server()) / window);
    }

    private CpuMeter.Snapshot[] cpu() {
        return new CpuMeter.Snapshot[] {new CpuMeter(pids.agent()).now(), new CpuMeter(pids.apiserver()).now(), new CpuMeter(pids.redis()).now()};
    }

    /** Waits until every simulated Node and its Lease exist; the epoch millis when they did, or -1 at the timeout. */
    private long awaitRegistered(ApiClient api) throws InterruptedException, IOException {
        long t0 = System.currentTimeMillis();
        long nextLog = t0;
        while (System.currentTimeMillis() - t0 < s.registerTimeout().toMillis()) {
            int nodes = ownNames(api, NODES).size();
            int leases = nodes < s.nodes() ? 0 : ownNames(api, LEASES).size();
            if (nodes >= s.nodes() && leases >= s.nodes()) {
                return System.currentTimeMillis();
            }
            if (System.currentTimeMillis() >= nextLog) {
                nextLog += 10_000;
                log("waiting for %d nodes: %d Nodes, %d Leases", s.nodes(), nodes, leases);
            }
            Thread.sleep(1000);
        }
        return -1;
    }

    /** Names of the simulated nodes' objects in a list. */
    private List<String> ownNames(ApiClient api, String path) throws IOException {
        HttpResult r = api.get(path).join();
        if (r.status() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.status());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : MAPPER.readTree(r.body()).path("items")) {
            String name = item.path("metadata").path("name").asText();
            if (name.startsWith(s.prefix() + "-")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Lists the Leases: each one's last renewTime opens its gap; the list's resourceVersion starts the watch. */
    private String startGaps(ApiClient api, long windowStart) throws IOException {
        HttpResult r = api.get(LEASES).join();
        if (r.status() != 200) {
            throw new IOException("GET " + LEASES + ": HTTP " + r.status());
        }
        JsonNode list = MAPPER.readTree(r.body());
        synchronized (gaps) {
            for (JsonNode item : list.path("items")) {
                String name = item.path("metadata").path("name").asText();
                if (name.startsWith(s.prefix() + "-")) {
                    gaps.start(name, PodTimeline.parseMillis(item.path("spec").path("renewTime").asText("")), windowStart);
                }
            }
        }
        return list.path("metadata").path("resourceVersion").asText();
    }

    private static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
