package io.kubeboot.bench;

import io.kubeboot.bench.core.CpuMeter;
import io.kubeboot.bench.core.Flags;
import io.kubeboot.bench.core.PhaseResult;
import io.kubeboot.bench.core.Report;
import io.kubeboot.bench.store.EtcdTarget;
import io.kubeboot.bench.store.KvTarget;
import io.kubeboot.bench.store.KvWorkload;
import io.kubeboot.bench.store.RawRedisTarget;
import io.kubeboot.bench.store.RedisStoreTarget;
import io.kubeboot.bench.workload.PodFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The store layer alone, side by side: KubeBoot's RedisStore, etcd (jetcd, as kube-apiserver uses it)
 * and, for context, plain Redis SET NX/GET, each under the same create-then-get workload. The
 * creates-per-second ratio RedisStore/etcd is the figure the issue asks to record.
 *
 * <p>Flags: --redis (redis:// URL), --etcd (http:// endpoint), --warmup (per store, unreported),
 * --duration (of each phase), --clients,
 * --targets (comma list of redisstore,etcd,redis), --redis-pid and --etcd-pid (for the CPU split).
 */
public final class StoreBench {
    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        String redisUrl = flags.string("redis", "redis://127.0.0.1:6379");
        String etcdUrl = flags.string("etcd", "http://127.0.0.1:2379");
        Duration duration = flags.duration("duration", "10s");
        Duration warmup = flags.duration("warmup", "6s");
        int clients = flags.integer("clients", 16);
        List<String> targets = List.of(flags.string("targets", "redisstore,etcd,redis").split(","));
        String redisPid = flags.string("redis-pid", "");
        String etcdPid = flags.string("etcd-pid", "");
        flags.rejectUnknown();

        String runId = UUID.randomUUID().toString().substring(0, 6);
        String prefix = "kubeboot-bench-" + runId;
        Map<String, Supplier<KvTarget>> factories = new LinkedHashMap<>();
        factories.put("redisstore", () -> new RedisStoreTarget(redisUrl, prefix));
        factories.put("etcd", () -> new EtcdTarget(etcdUrl, runId));
        factories.put("redis", () -> new RawRedisTarget(redisUrl, prefix));
        Map<String, String> serverPids = Map.of("redisstore", redisPid, "etcd", etcdPid, "redis", redisPid);

        Report report = new Report("StoreBench (run " + runId + ")", flags.effective());
        KvWorkload workload = new KvWorkload(new PodFactory(runId), "bench-" + runId, clients, duration, warmup);
        Map<String, KvWorkload.Result> results = new LinkedHashMap<>();
        List<String> cpuLines = new ArrayList<>();
        for (String t : targets) {
            Supplier<KvTarget> factory = factories.get(t);
            if (factory == null) {
                throw new IllegalArgumentException("unknown target " + t + "; known: " + factories.keySet());
            }
            CpuMeter cpu = new CpuMeter(serverPids.get(t));
            try (KvTarget target = factory.get()) {
                workload.warmUp(target);
                CpuMeter.Snapshot c = cpu.now();
                KvWorkload.Result r = workload.measure(target);
                cpuLines.add("- " + target.name() + ": " + cpu.since(c));
                results.put(target.name(), r);
                report.phase(r.creates());
                report.phase(r.gets());
            }
        }
        report.section("Side by side", sideBySide(results));
        report.section("CPU split (bench = this JVM; server = the store's process)", cpuLines);
        report.print(System.out);
        System.exit(0);
    }

    private static List<String> sideBySide(Map<String, KvWorkload.Result> results) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("| operation |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String name : results.keySet()) {
            head.append(' ').append(name).append(" ops/s | p50 / p99 ms |");
            rule.append("---:|---:|");
        }
        lines.add(head.toString());
        lines.add(rule.toString());
        lines.add(row("create", results, true));
        lines.add(row("get", results, false));
        KvWorkload.Result redis = results.get("RedisStore");
        KvWorkload.Result etcd = results.get("etcd");
        if (redis != null && etcd != null && etcd.creates().perSecond() > 0) {
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Creates per second, RedisStore / etcd: **%.2f** (%.0f / %.0f); gets: %.2f",
                    redis.creates().perSecond() / etcd.creates().perSecond(), redis.creates().perSecond(),
                    etcd.creates().perSecond(), redis.gets().perSecond() / Math.max(1e-9, etcd.gets().perSecond())));
        }
        return lines;
    }

    private static String row(String op, Map<String, KvWorkload.Result> results, boolean creates) {
        StringBuilder b = new StringBuilder("| " + op + " |");
        for (KvWorkload.Result r : results.values()) {
            PhaseResult p = creates ? r.creates() : r.gets();
            b.append(String.format(Locale.ROOT, " %.0f | %.2f / %.2f |", p.perSecond(), p.p50(), p.p99()));
        }
        return b.toString();
    }
}
