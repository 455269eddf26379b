package io.kubeboot.bench.controllers;

import io.kubeboot.bench.api.ApiClient;
import io.kubeboot.bench.api.ApiContext;
import io.kubeboot.bench.api.HttpResult;
import io.kubeboot.bench.core.CpuMeter;
import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.core.Report;
import io.kubeboot.bench.scheduler.ClusterOps;
import io.kubeboot.bench.scheduler.ThroughputSampler;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** One controller benchmark run (see {@link io.kubeboot.bench.ControllerBench}): set-up, measured phase, report, clean-up. */
public final class ControllerRun {
    /** Target of issue 4: pods created by the controllers per second. */
    static final double TARGET_PODS_PER_SECOND = 500;
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"([0-9]+)\"");

    public record Settings(String url, int deployments, int replicas, int nodes, int createClients, int statusClients,
                           Duration timeout, Duration stallTimeout) {
        /** The same run with {@code n} Deployments (the warm-up's shape). */
        public Settings withDeployments(int n) {
            return new Settings(url, n, replicas, nodes, createClients, statusClients, timeout, stallTimeout);
        }
    }

    /** Process ids for the CPU split; any may be empty. */
    public record Pids(String controllers, String scheduler, String apiserver, String redis) {
    }

    private final Settings s;
    private final Pids pids;
    private final Map<String, String> effective;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);

    public ControllerRun(Settings settings, Pids pids, Map<String, String> effective) {
        this.s = settings;
        this.pids = pids;
        this.effective = effective;
    }

    /** Runs, prints the Markdown report to {@code out}; false when not every Deployment became Available. */
    public boolean run(PrintStream out) throws Exception {
        Report report = new Report("ControllerBench (" + s.url() + ", run " + runId + ")", effective);
        Objects objects = new Objects(runId);
        String namespace = "ctrl-" + runId;
        int expectedPods = s.deployments() * s.replicas();
        List<String> nodeNames = IntStream.range(0, s.nodes()).mapToObj(objects::nodeName).toList();
        try (ApiClient api = new ApiClient(s.url());
             KubeletSim kubelet = new KubeletSim(api, s.statusClients());
             NodeLeases leases = new NodeLeases(api, objects, nodeNames)) {
            ClusterOps ops = new ClusterOps(api, s.url());
            new ApiContext(api, runId).createNamespace(namespace);
            log("creating %d simulated nodes and their leases", s.nodes());
            LatencyRecorder nodes = ops.create("node creates", "/api/v1/nodes", s.createClients(), s.nodes(),
                    seq -> objects.node(nodeNames.get((int) seq)));
            report.phase(nodes.result("simulated node creates", s.createClients()));
            leases.start();

            PodWatch pods = new PodWatch(expectedPods, kubelet::start);
            DeploymentWatch deployments = new DeploymentWatch();
            String deploymentsPath = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
            try (JsonWatch podWatch = JsonWatch.open(api, ApiContext.podsPath(namespace), ops.podListResourceVersion(namespace), pods);
                 JsonWatch deploymentWatch = JsonWatch.open(api, deploymentsPath, listVersion(api, deploymentsPath), deployments)) {
                Cpu cpu = new Cpu(pids);
                ThroughputSampler creationSeries = new ThroughputSampler();
                long t0 = System.nanoTime();
                Thread sampler = sampler(pods, creationSeries);
                log("creating %d Deployments of %d replicas", s.deployments(), s.replicas());
                LatencyRecorder creates = ops.create("deployment creates", deploymentsPath, s.createClients(), s.deployments(),
                        seq -> objects.deployment(namespace, "deploy-" + seq, s.replicas()));
                double createSeconds = (System.nanoTime() - t0) / 1e9;
                report.phase(creates.result("Deployment creates", s.createClients()));
                String stop = await(pods, deployments, kubelet, podWatch, deploymentWatch, expectedPods, t0);
                sampler.interrupt();
                sampler.join();
                List<String> cpuLines = cpu.since("from the first Deployment create");

                long[] created = pods.createdTimes();
                double creationWindow = created.length == 0 ? 0 : (created[created.length - 1] - t0) / 1e9;
                double rate = creationWindow <= 0 ? 0 : created.length / creationWindow;
                boolean allCreated = created.length >= expectedPods;
                boolean met = allCreated && rate >= TARGET_PODS_PER_SECOND;
                double boundSeconds = pods.bound() >= expectedPods ? (pods.lastBoundNanos() - t0) / 1e9 : -1;
                boolean allAvailable = deployments.available() >= s.deployments();
                double availableSeconds = allAvailable ? (deployments.lastAvailableNanos() - t0) / 1e9 : -1;
                ThroughputSampler.Summary series = creationSeries.summary();

                List<String> table = new ArrayList<>();
                table.add("| Deployments x replicas | nodes | pods created | window s | **pods created/s** | per-second series avg / p50 / p90 / p99 / min (samples) "
                        + "| all bound s | **all Available s** | target | met |");
                table.add("|---|---:|---:|---:|---:|---|---:|---:|---|---|");
                table.add(String.format(Locale.ROOT, "| %d x %d | %d | %d | %.2f | **%.0f** | %s | %s | **%s** | >= %.0f pods/s | %s |",
                        s.deployments(), s.replicas(), s.nodes(), created.length, creationWindow, rate,
                        series == null ? "n/a (under 2 s)" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f (%d)",
                                series.average(), series.perc50(), series.perc90(), series.perc99(), series.min(), series.samples()),
                        boundSeconds < 0 ? "not all (" + pods.bound() + ")" : String.format(Locale.ROOT, "%.1f", boundSeconds),
                        availableSeconds < 0 ? "not all (" + deployments.available() + ")" : String.format(Locale.ROOT, "%.1f", availableSeconds),
                        TARGET_PODS_PER_SECOND, Report.verdict(met)));
                table.add("");
                table.add("All times from the send of the first Deployment create. pods created/s = pods seen ADDED on a pod watch / "
                        + "(receipt of the last ADDED - first Deployment create); the series samples the ADDED count about once a "
                        + "second as upstream scheduler_perf's throughput collector (first sample skipped). Available = "
                        + "status.availableReplicas == spec.replicas and condition Available=True, seen on a Deployment watch.");
                report.section("Controller throughput", table);
                List<String> details = new ArrayList<>();
                details.add(String.format(Locale.ROOT, "- Deployment creates took %.2f s; the run ended: %s", createSeconds, stop));
                details.add(String.format(Locale.ROOT, "- simulated kubelet: %d pod statuses written, %d conflicts retried, %d failed%s; "
                                + "node lease renewal failures: %d", kubelet.written(), kubelet.conflicts(), kubelet.failed(),
                        kubelet.lastFailure() == null ? "" : " (last: " + kubelet.lastFailure() + ")", leases.failures()));
                report.section("Details", details);
                report.section("CPU split (everything shares the machine)", cpuLines);
                report.print(out);
                cleanUp(namespace, objects.runSelector());
                return allAvailable;
            }
        }
    }

    /** Waits until every Deployment is Available, or nothing progressed for the stall timeout, or the overall timeout. */
    private String await(PodWatch pods, DeploymentWatch deployments, KubeletSim kubelet, JsonWatch podWatch, JsonWatch deploymentWatch,
                         int expectedPods, long t0) throws InterruptedException {
        long lastProgress = System.nanoTime();
        long lastState = -1;
        long lastLog = 0;
        while (true) {
            long now = System.nanoTime();
            long state = pods.created() + pods.bound() + kubelet.written() + deployments.available();
            if (state != lastState) {
                lastState = state;
                lastProgress = now;
            }
            if (now - lastLog > 5_000_000_000L) {
                lastLog = now;
                log("%.0f s: pods created %d, bound %d, running %d of %d; Deployments Available %d of %d", (now - t0) / 1e9,
                        pods.created(), pods.bound(), kubelet.written(), expectedPods, deployments.available(), s.deployments());
            }
            if (deployments.available() >= s.deployments()) {
                return "all Deployments Available";
            }
            if (podWatch.failure() != null || deploymentWatch.failure() != null) {
                return "watch failed: " + (podWatch.failure() != null ? podWatch.failure() : deploymentWatch.failure());
            }
            if (now - lastProgress > s.stallTimeout().toNanos()) {
                return "no progress for " + s.stallTimeout().toSeconds() + " s";
            }
            if (now - t0 > s.timeout().toNanos()) {
                return "timeout after " + s.timeout().toSeconds() + " s";
            }
            Thread.sleep(100);
        }
    }

    private static Thread sampler(PodWatch pods, ThroughputSampler series) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    series.sample(System.nanoTime(), pods.created());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "creation-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String listVersion(ApiClient api, String path) {
        HttpResult r = api.get(path + "?limit=1").join();
        Matcher m = RESOURCE_VERSION.matcher(r.text());
        if (r.status() != 200 || !m.find()) {
            throw new IllegalStateException("listing " + path + ": HTTP " + r.status() + " " + r.text());
        }
        return m.group(1);
    }

    /**
     * Deployments and ReplicaSets are deleted orphaning their pods (the garbage collector would otherwise
     * delete the pods gracefully, waiting for a kubelet), then the pods at once (gracePeriodSeconds=0), the
     * nodes, their leases and the namespace. Failures are logged, not fatal: the figures are already out.
     */
    private void cleanUp(String namespace, String nodeSelector) {
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String selector = URLEncoder.encode(nodeSelector, StandardCharsets.UTF_8);
        for (String path : List.of("/apis/apps/v1/namespaces/" + namespace + "/deployments?propagationPolicy=Orphan",
                "/apis/apps/v1/namespaces/" + namespace + "/replicasets?propagationPolicy=Orphan",
                ApiContext.podsPath(namespace) + "?gracePeriodSeconds=0",
                "/api/v1/nodes?labelSelector=" + selector,
                "/api/v1/namespaces/" + namespace)) {
            try {
                HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofMinutes(2))
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 300) {
                    log("clean-up DELETE %s: HTTP %d", path, r.statusCode());
                }
            } catch (Exception e) {
                log("clean-up DELETE %s: %s", path, e);
            }
        }
        log("cleaned up namespace %s and the run's nodes (leases in %s are left to expire)", namespace, Objects.LEASE_NAMESPACE);
    }

    private static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }

    /** CPU seconds of the controllers, scheduler, apiserver, Redis and the bench over the measured phase. */
    private static final class Cpu {
        private final CpuMeter[] meters;
        private final CpuMeter.Snapshot[] start;

        Cpu(Pids pids) {
            meters = new CpuMeter[] {new CpuMeter(pids.controllers()), new CpuMeter(pids.scheduler()),
                    new CpuMeter(pids.apiserver()), new CpuMeter(pids.redis())};
            start = new CpuMeter.Snapshot[meters.length];
            for (int i = 0; i < meters.length; i++) {
                start[i] = meters[i].now();
            }
        }

        List<String> since(String label) {
            CpuMeter.Snapshot[] end = new CpuMeter.Snapshot[meters.length];
            for (int i = 0; i < meters.length; i++) {
                end[i] = meters[i].now();
            }
            return List.of(String.format(Locale.ROOT, "- %s: controllers %s, scheduler %s, apiserver %s, redis %s, bench %.1f s CPU in %.1f s wall (%d cores)",
                    label, secs(start[0], end[0]), secs(start[1], end[1]), secs(start[2], end[2]), secs(start[3], end[3]),
                    end[0].bench() - start[0].bench(), (end[0].wallNanos() - start[0].wallNanos()) / 1e9,
                    Runtime.getRuntime().availableProcessors()));
        }

        private static String secs(CpuMeter.Snapshot a, CpuMeter.Snapshot b) {
            return CpuMeter.serverCpu(a, b);
        }
    }
}
