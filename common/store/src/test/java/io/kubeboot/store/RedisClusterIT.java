package io.kubeboot.store;

import io.kubeboot.testkit.Ports;
import io.kubeboot.testkit.RedisServerProcess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store on a real three-master Redis Cluster: the hash-tagged keys put every script in one slot,
 * so creates, updates, snapshots and the change feed work as on one server. Needs redis-cli (Debian's
 * redis-tools, installed with redis-server) to form the cluster; skipped with a message without it.
 */
class RedisClusterIT {

    private static String redisCli() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "redis-cli"))) {
                return Path.of(dir, "redis-cli").toString();
            }
        }
        return null;
    }

    @Test
    void storeWorksOnARedisCluster() throws Exception {
        String cli = redisCli();
        assumeTrue(cli != null, "redis-cli not installed: Redis Cluster test skipped");
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(new RedisServerProcess(true, List.of("--cluster-enabled", "yes",
                        "--cluster-port", Integer.toString(Ports.free()), "--cluster-node-timeout", "5000")).start());
            }
            List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> clusterOk(cli, nodes.get(0).port()));

            List<String> seeds = nodes.stream().map(RedisServerProcess::url).toList();
            try (RedisStore store = new RedisStore(new StoreSettings("", seeds, "c", Duration.ofSeconds(10)))) {
                String marker = "@@rv@@";
                byte[] doc = ("{\"metadata\":{\"resourceVersion\":\"" + marker + "\"}}").getBytes(StandardCharsets.UTF_8);
                List<Change> seen = new CopyOnWriteArrayList<>();
                try (ChangeFeed feed = store.follow(Map.of("pods", 0L), new ChangeFeed.Listener() {
                    @Override
                    public void onChanges(String resource, List<Change> changes) {
                        seen.addAll(changes);
                    }

                    @Override
                    public void onCompacted(String resource, long compactedRevision) {
                    }
                })) {
                    long r1 = store.create("pods", "ns/a", Stamped.split(doc, marker), List.of(new Claim("ip", "value-1"))).get().revision();
                    assertThat(store.create("pods", "ns/b", Stamped.split(doc, marker), List.of(new Claim("ip", "value-1"))).get().outcome())
                            .isEqualTo(WriteResult.Outcome.CLAIMED);
                    long r2 = store.update("pods", "ns/a", r1, Stamped.split(doc, marker), List.of(), List.of()).get().revision();
                    assertThat(store.update("pods", "ns/a", r1, Stamped.split(doc, marker), List.of(), List.of()).get().outcome())
                            .isEqualTo(WriteResult.Outcome.CONFLICT);
                    assertThat(store.get("pods", "ns/a").get().revision()).isEqualTo(r2);
                    assertThat(store.snapshot("pods").get().items()).hasSize(1);
                    assertThat(store.progress(List.of("pods")).get().latestChange()).containsEntry("pods", r2);
                    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
                    assertThat(seen).extracting(Change::revision).containsExactly(r1, r2);
                }
            }
        } finally {
            nodes.forEach(RedisServerProcess::close);
        }
    }

    private static boolean clusterOk(String cli, int port) throws Exception {
        Process p = new ProcessBuilder(cli, "-p", Integer.toString(port), "cluster", "info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.contains("cluster_state:ok");
    }
}
