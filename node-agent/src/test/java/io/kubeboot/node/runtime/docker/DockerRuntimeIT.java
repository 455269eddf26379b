package io.kubeboot.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.network.DockerPodNetwork;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ExecResult;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.SandboxStatus;
import io.kubeboot.testkit.DockerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link DockerRuntime} on the machine's real Docker Engine. Everything is named and labelled with a per-run prefix
 * and removed at the end; the pod network is a test network on 10.250.0.0/16. Traffic goes only between containers
 * this test started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerRuntimeIT {
    private static final String DOCKER_HOST = "unix:///var/run/docker.sock";
    private static final String PAUSE = "registry.k8s.io/pause:3.10";
    private static final String BUSYBOX = "busybox:1.28";

    private final String run = "rtit-" + UUID.randomUUID().toString().substring(0, 8);
    private final String nodeA = run + "-a";
    private final String nodeB = run + "-b";
    private final List<String> foreignIds = new ArrayList<>();
    private final AtomicInteger pods = new AtomicInteger();
    private DockerRuntime runtimeA;
    private DockerRuntime runtimeB;
    private DockerPodNetwork networkA;
    private DockerPodNetwork networkB;
    private DockerClient docker;
    private Path tmp;

    @BeforeAll
    void connect() throws IOException {
        DockerEngine.require();
        runtimeA = new DockerRuntime(DOCKER_HOST, nodeA);
        docker = runtimeA.dockerClient();
        runtimeB = new DockerRuntime(docker, nodeB);
        NodeAgentProperties.Network settings = new NodeAgentProperties.Network();
        settings.setName(run);
        settings.setClusterCidr("10.250.0.0/16");
        settings.setEgressGuard(false);
        networkA = new DockerPodNetwork(runtimeA, settings, () -> Optional.of("10.250.1.0/24"));
        networkB = new DockerPodNetwork(docker, settings, () -> Optional.of("10.250.2.0/24"));
        tmp = Files.createTempDirectory(run);
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (docker == null) {
            return;
        }
        for (String node : List.of(nodeA, nodeB)) {
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(RuntimeLabels.NODE, node)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
        for (String id : foreignIds) {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        try {
            docker.removeNetworkCmd(run).exec();
        } catch (RuntimeException e) {
            // never created
        }
        try (var files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        runtimeA.close();
    }

    // --- helpers ---

    private record Pod(String uid, String name, String sandboxId, String ip) {
    }

    private Pod runPod(DockerRuntime runtime, DockerPodNetwork network, String hostname, String domain,
                       SandboxSpec.DnsConfig dns, Map<String, List<String>> aliases) {
        String name = "pod" + pods.incrementAndGet();
        String uid = run + "-uid-" + name;
        String ip = network.allocate(uid);
        SandboxSpec spec = new SandboxSpec("default", name, uid, hostname == null ? name : hostname, domain,
                network.networkName(), ip, dns, aliases, Map.of("app", "rtit"), PAUSE);
        return new Pod(uid, name, runtime.runSandbox(spec), ip);
    }

    private Pod runPod(DockerRuntime runtime, DockerPodNetwork network) {
        return runPod(runtime, network, null, null, null, Map.of());
    }

    private static ContainerSpec container(Pod pod, String name, String image, List<String> entrypoint, List<String> cmd,
                                           List<String> env, List<ContainerSpec.Mount> mounts, long memory) {
        Map<String, String> labels = Map.of(RuntimeLabels.POD_UID, pod.uid(), RuntimeLabels.POD_NAME, pod.name(),
                RuntimeLabels.POD_NAMESPACE, "default", RuntimeLabels.CONTAINER_NAME, name,
                RuntimeLabels.RESTART_COUNT, "0");
        return new ContainerSpec("k8s_" + name + "_" + pod.name() + "_default_" + pod.uid() + "_0", image, entrypoint, cmd,
                env, null, mounts, memory, 0, 0, 0, false, false, labels);
    }

    private static ContainerSpec shell(Pod pod, String name, String script) {
        return container(pod, name, BUSYBOX, List.of("sh", "-c", script), null, List.of(), List.of(), 0);
    }

    private String start(DockerRuntime runtime, Pod pod, ContainerSpec spec) {
        String id = runtime.createContainer(pod.sandboxId(), spec);
        runtime.startContainer(id);
        return id;
    }

    private ContainerStatus awaitExit(DockerRuntime runtime, String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> runtime.containerStatus(id).map(s -> s.state() == ContainerStatus.State.EXITED).orElse(false));
        return runtime.containerStatus(id).orElseThrow();
    }

    private static String logs(DockerRuntime runtime, String id, LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.logs(id, options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    // --- tests ---

    @Test
    void typeAndVersion() {
        assertThat(runtimeA.type()).isEqualTo("docker");
        assertThat(runtimeA.version()).startsWith("docker://20.10");
    }

    @Test
    void podFilesEnvMountsLabelsAndIp() throws IOException {
        SandboxSpec.DnsConfig dns = new SandboxSpec.DnsConfig(List.of("10.96.0.10"),
                List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"), List.of("ndots:5"));
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("127.0.0.1", List.of("foo.local", "bar.local"));
        aliases.put("10.1.2.3", List.of("foo.remote"));
        Pod pod = runPod(runtimeA, networkA, "web", "sub.default.svc.cluster.local", dns, aliases);
        Path volume = Files.createDirectories(tmp.resolve("vol"));
        Files.writeString(volume.resolve("data.txt"), "from-the-host\n");

        String script = "cat /etc/resolv.conf; echo ---; cat /etc/hosts; echo ---; hostname; echo $FOO; "
                + "cat /data/data.txt; (touch /data/x 2>/dev/null && echo writable) || echo readonly";
        ContainerSpec spec = container(pod, "main", BUSYBOX, List.of("sh", "-c", script), null,
                List.of("FOO=bar baz"), List.of(new ContainerSpec.Mount(volume.toString(), "/data", true)), 0);
        String id = start(runtimeA, pod, spec);
        ContainerStatus status = awaitExit(runtimeA, id);

        String expectedHosts = """
                # Kubernetes-managed hosts file.
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                fe00::0\tip6-mcastprefix
                fe00::1\tip6-allnodes
                fe00::2\tip6-allrouters
                %s\tweb.sub.default.svc.cluster.local\tweb

                # Entries added by HostAliases.
                127.0.0.1\tfoo.local\tbar.local
                10.1.2.3\tfoo.remote
                """.formatted(pod.ip());
        assertThat(logs(runtimeA, id, LogOptions.all())).isEqualTo(
                "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n"
                        + "---\n" + expectedHosts + "---\nweb\nbar baz\nfrom-the-host\nreadonly\n");

        assertThat(status.reason()).isEqualTo("Completed");
        assertThat(status.exitCode()).isZero();
        assertThat(status.sandboxId()).isEqualTo(pod.sandboxId());
        assertThat(status.podUid()).isEqualTo(pod.uid());
        assertThat(status.name()).isEqualTo("main");
        assertThat(status.image()).isEqualTo(BUSYBOX);
        assertThat(status.imageId()).isEqualTo(runtimeA.inspectImage(BUSYBOX).orElseThrow().id()).startsWith("sha256:");
        assertThat(status.startedAt()).isNotNull();
        assertThat(status.finishedAt()).isAfterOrEqualTo(status.startedAt());
        assertThat(status.labels()).containsEntry(RuntimeLabels.NODE, nodeA)
                .containsEntry(RuntimeLabels.TYPE, RuntimeLabels.TYPE_CONTAINER)
                .containsEntry(RuntimeLabels.RESTART_COUNT, "0");
        assertThat(runtimeA.listContainers()).extracting(ContainerStatus::id).contains(id);

        SandboxStatus sandbox = runtimeA.listSandboxes().stream().filter(s -> s.id().equals(pod.sandboxId()))
                .findFirst().orElseThrow();
        assertThat(sandbox.running()).isTrue();
        assertThat(sandbox.ipAddress()).isEqualTo(pod.ip()).startsWith("10.250.1.");
        assertThat(sandbox.podUid()).isEqualTo(pod.uid());
        assertThat(sandbox.labels()).containsEntry(RuntimeLabels.NODE, nodeA)
                .containsEntry(RuntimeLabels.TYPE, RuntimeLabels.TYPE_SANDBOX)
                .containsEntry(RuntimeLabels.POD_NAME, pod.name())
                .containsEntry("app", "rtit");
        InspectContainerResponse inspect = docker.inspectContainerCmd(pod.sandboxId()).exec();
        assertThat(inspect.getNetworkSettings().getNetworks().get(run).getIpAddress()).isEqualTo(pod.ip());
        assertThat(inspect.getConfig().getHostName()).isEqualTo("web");
    }

    @Test
    void hostNetworkSandboxKeepsTheNodesHostsFile() throws IOException {
        String uid = run + "-uid-hostnet";
        Map<String, List<String>> aliases = Map.of("10.9.9.9", List.of("alias.example"));
        SandboxSpec spec = new SandboxSpec("default", "hostnet", uid, "hostnet", null, null, null,
                new SandboxSpec.DnsConfig(List.of("10.96.0.10"), List.of(), List.of()), aliases, Map.of(), PAUSE);
        String sandboxId = runtimeA.runSandbox(spec);
        InspectContainerResponse inspect = docker.inspectContainerCmd(sandboxId).exec();
        assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("host");
        assertThat(Files.readString(Path.of(inspect.getHostsPath())))
                .endsWith("\n# Entries added by HostAliases.\n10.9.9.9\talias.example\n")
                .doesNotStartWith("# Kubernetes-managed hosts file.");
        assertThat(Files.readString(Path.of(inspect.getResolvConfPath()))).isEqualTo("nameserver 10.96.0.10\n");
        runtimeA.stopSandbox(sandboxId);
        runtimeA.removeSandbox(sandboxId);
        runtimeA.removeSandbox(sandboxId);
        assertThat(runtimeA.listSandboxes()).extracting(SandboxStatus::id).doesNotContain(sandboxId);
    }

    @Test
    void execExitCodesOutputAndTimeout() {
        Pod pod = runPod(runtimeA, networkA);
        String id = start(runtimeA, pod, container(pod, "holder", BUSYBOX, List.of("hold"), null, List.of(), List.of(), 0));

        ExecResult ok = runtimeA.exec(id, List.of("true"), Duration.ofSeconds(10));
        assertThat(ok).isEqualTo(new ExecResult(0, "", false));
        ExecResult failed = runtimeA.exec(id, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.output()).contains("out\n").contains("err\n");
        assertThat(failed.timedOut()).isFalse();
        ExecResult big = runtimeA.exec(id, List.of("sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x"), Duration.ofSeconds(10));
        assertThat(big.output()).hasSize(10 * 1024);

        long started = System.nanoTime();
        ExecResult slow = runtimeA.exec(id, List.of("sleep", "5"), Duration.ofSeconds(1));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.exitCode()).isEqualTo(-1);
        assertThat(elapsedMillis).isBetween(900L, 4000L);
    }

    @Test
    void logsTailTimestampsSinceLimitAndFollow() throws Exception {
        Pod pod = runPod(runtimeA, networkA);
        ContainerSpec spec = shell(pod, "logger",
                "for i in 1 2 3; do echo early$i; done; sleep 2; echo late1; sleep 0.3; echo late2 >&2; sleep 1");
        String id = runtimeA.createContainer(pod.sandboxId(), spec);
        ByteArrayOutputStream followed = new ByteArrayOutputStream();
        runtimeA.startContainer(id);
        CompletableFuture<Void> follow = CompletableFuture.runAsync(
                () -> runtimeA.logs(id, new LogOptions(true, null, null, false, null), followed));
        // follow ends by itself once the container exits
        follow.get(30, TimeUnit.SECONDS);
        assertThat(runtimeA.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerStatus.State.EXITED);
        assertThat(followed.toString(StandardCharsets.UTF_8)).isEqualTo("early1\nearly2\nearly3\nlate1\nlate2\n");

        assertThat(logs(runtimeA, id, new LogOptions(false, 2L, null, false, null))).isEqualTo("late1\nlate2\n");
        assertThat(logs(runtimeA, id, new LogOptions(false, 0L, null, false, null))).isEmpty();
        assertThat(logs(runtimeA, id, new LogOptions(false, null, null, false, 8L))).isEqualTo("early1\ne");

        String stamped = logs(runtimeA, id, new LogOptions(false, null, null, true, null));
        List<String> lines = stamped.lines().toList();
        assertThat(lines).hasSize(5).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z \\S+"));
        Instant late1 = Instant.parse(lines.get(3).substring(0, lines.get(3).indexOf(' ')));
        assertThat(logs(runtimeA, id, new LogOptions(false, null, late1, false, null))).isEqualTo("late1\nlate2\n");
        assertThat(logs(runtimeA, id, new LogOptions(false, null, late1.plusNanos(1), true, null)))
                .isEqualTo(lines.get(4) + "\n");
    }

    @Test
    void followStopsWhenTheReaderGoesAway() throws Exception {
        Pod pod = runPod(runtimeA, networkA);
        String id = start(runtimeA, pod, shell(pod, "chatty", "while true; do echo tick; sleep 0.1; done"));
        AtomicInteger writes = new AtomicInteger();
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (writes.incrementAndGet() > 2) {
                    throw new IOException("client went away");
                }
            }
        };
        CompletableFuture<Void> follow = CompletableFuture.runAsync(
                () -> runtimeA.logs(id, new LogOptions(true, null, null, false, null), failing));
        follow.get(15, TimeUnit.SECONDS);
        assertThat(writes.get()).isEqualTo(3);
        assertThat(runtimeA.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerStatus.State.RUNNING);
        runtimeA.stopContainer(id, Duration.ZERO);
    }

    @Test
    void stopWaitsTheGracePeriodThenKills() {
        Pod pod = runPod(runtimeA, networkA);
        String id = start(runtimeA, pod, shell(pod, "stubborn", "trap '' TERM; sleep 60"));
        await().atMost(Duration.ofSeconds(10)).until(
                () -> runtimeA.containerStatus(id).orElseThrow().state() == ContainerStatus.State.RUNNING);
        long started = System.nanoTime();
        // 1.5 s is rounded up to docker stop -t 2
        runtimeA.stopContainer(id, Duration.ofMillis(1500));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMillis).isBetween(1800L, 8000L);
        ContainerStatus status = runtimeA.containerStatus(id).orElseThrow();
        assertThat(status.state()).isEqualTo(ContainerStatus.State.EXITED);
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(status.reason()).isEqualTo("Error");
        // idempotent on a stopped and on a removed container
        runtimeA.stopContainer(id, Duration.ofSeconds(1));
        runtimeA.removeContainer(id);
        runtimeA.removeContainer(id);
        runtimeA.stopContainer(id, Duration.ofSeconds(1));
        assertThat(runtimeA.containerStatus(id)).isEmpty();

        String quick = start(runtimeA, pod, shell(pod, "stubborn2", "trap '' TERM; sleep 60"));
        long t0 = System.nanoTime();
        runtimeA.stopContainer(quick, Duration.ZERO);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1500L);
        await().atMost(Duration.ofSeconds(5)).until(
                () -> runtimeA.containerStatus(quick).orElseThrow().state() == ContainerStatus.State.EXITED);
    }

    @Test
    void resourceLimitsReachTheEngine() {
        Pod pod = runPod(runtimeA, networkA);
        ContainerSpec base = shell(pod, "limited", "true");
        ContainerSpec spec = new ContainerSpec(base.name(), base.image(), base.entrypoint(), base.cmd(), base.env(), "/tmp",
                base.mounts(), 64L * 1024 * 1024, 50_000, 100_000, 512, true, true, base.labels());
        String id = runtimeA.createContainer(pod.sandboxId(), spec);
        InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
        assertThat(inspect.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(inspect.getHostConfig().getCpuQuota()).isEqualTo(50_000L);
        assertThat(inspect.getHostConfig().getCpuPeriod()).isEqualTo(100_000L);
        assertThat(inspect.getHostConfig().getCpuShares()).isEqualTo(512);
        assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("container:" + pod.sandboxId());
        assertThat(inspect.getConfig().getTty()).isTrue();
        assertThat(inspect.getConfig().getStdinOpen()).isTrue();
        assertThat(inspect.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(runtimeA.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerStatus.State.CREATED);
    }

    @Test
    void imageEntrypointAndCmdAreKeptUnlessOverridden() {
        Pod pod = runPod(runtimeA, networkA);
        ContainerSpec argsOnly = container(pod, "args", BUSYBOX, null, List.of("echo", "from-args"), List.of(), List.of(), 0);
        String id = start(runtimeA, pod, argsOnly);
        awaitExit(runtimeA, id);
        assertThat(logs(runtimeA, id, LogOptions.all())).isEqualTo("from-args\n");
        InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
        assertThat(inspect.getConfig().getEntrypoint()).isNullOrEmpty();
    }

    @Test
    void oomKilledContainerIsReportedAsSuch() {
        Pod pod = runPod(runtimeA, networkA);
        ContainerSpec spec = container(pod, "hog", "polinux/stress", List.of("stress"),
                List.of("--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"), List.of(), List.of(), 50L * 1024 * 1024);
        String id = start(runtimeA, pod, spec);
        ContainerStatus status = awaitExit(runtimeA, id);
        assertThat(status.reason()).isEqualTo("OOMKilled");
        assertThat(status.exitCode()).isNotZero();
    }

    @Test
    void startFailureIsARunContainerError() {
        Pod pod = runPod(runtimeA, networkA);
        String id = runtimeA.createContainer(pod.sandboxId(),
                container(pod, "broken", BUSYBOX, List.of("/no/such/binary"), null, List.of(), List.of(), 0));
        assertThatThrownBy(() -> runtimeA.startContainer(id))
                .isInstanceOfSatisfying(RuntimeOperationException.class,
                        e -> assertThat(e.reason()).isEqualTo("RunContainerError"))
                .hasMessageContaining("/no/such/binary");
        ContainerStatus status = runtimeA.containerStatus(id).orElseThrow();
        assertThat(status.state()).isEqualTo(ContainerStatus.State.EXITED);
        assertThat(status.reason()).isEqualTo("ContainerCannotRun");
        assertThat(status.message()).contains("/no/such/binary");

        assertThatThrownBy(() -> runtimeA.createContainer(pod.sandboxId(),
                container(pod, "noimage", "127.0.0.1:1/nope:1", null, null, List.of(), List.of(), 0)))
                .isInstanceOfSatisfying(RuntimeOperationException.class,
                        e -> assertThat(e.reason()).isEqualTo("CreateContainerError"))
                .hasMessageContaining("No such image");
    }

    @Test
    void images() {
        assertThat(runtimeA.inspectImage(BUSYBOX)).hasValueSatisfying(i -> {
            assertThat(i.id()).startsWith("sha256:");
            assertThat(i.repoTags()).contains(BUSYBOX);
            assertThat(i.sizeBytes()).isPositive();
        });
        assertThat(runtimeA.inspectImage("127.0.0.1:1/nope:1")).isEmpty();
        assertThat(runtimeA.listImages()).anySatisfy(i -> assertThat(i.repoTags()).contains(PAUSE));

        long started = System.nanoTime();
        assertThatThrownBy(() -> runtimeA.pullImage("127.0.0.1:1/nope:1"))
                .isInstanceOfSatisfying(RuntimeOperationException.class, e -> assertThat(e.reason()).isEqualTo("ErrImagePull"))
                .hasMessageStartingWith("rpc error: code = Unknown desc = ")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
    }

    @Test
    void foreignContainersAreNeitherListedNorTouched() {
        String unlabelled = docker.createContainerCmd(BUSYBOX).withName(run + "-foreign")
                .withCmd("true").withLabels(Map.of(RuntimeLabels.TYPE, RuntimeLabels.TYPE_CONTAINER)).exec().getId();
        foreignIds.add(unlabelled);
        String otherNode = docker.createContainerCmd(BUSYBOX).withName(run + "-other-node")
                .withCmd("true").withLabels(Map.of(RuntimeLabels.NODE, run + "-z", RuntimeLabels.TYPE, RuntimeLabels.TYPE_CONTAINER))
                .exec().getId();
        foreignIds.add(otherNode);
        for (String id : List.of(unlabelled, otherNode)) {
            assertThat(runtimeA.listContainers()).extracting(ContainerStatus::id).doesNotContain(id);
            assertThat(runtimeA.containerStatus(id)).isEmpty();
            runtimeA.stopContainer(id, Duration.ZERO);
            runtimeA.removeContainer(id);
            runtimeA.removeSandbox(id);
            assertThatThrownBy(() -> runtimeA.startContainer(id)).isInstanceOf(RuntimeOperationException.class);
            assertThat(docker.inspectContainerCmd(id).exec().getState().getStatus()).isEqualTo("created");
        }
    }

    @Test
    void twoNodesOnOneEngineSeeOnlyTheirOwnObjects() {
        Pod podA = runPod(runtimeA, networkA);
        Pod podB = runPod(runtimeB, networkB);
        assertThat(podB.ip()).startsWith("10.250.2.");
        String a = runtimeA.createContainer(podA.sandboxId(), shell(podA, "a", "true"));
        String b = runtimeB.createContainer(podB.sandboxId(), shell(podB, "b", "true"));

        assertThat(runtimeA.listSandboxes()).extracting(SandboxStatus::id).contains(podA.sandboxId()).doesNotContain(podB.sandboxId());
        assertThat(runtimeB.listSandboxes()).extracting(SandboxStatus::id).contains(podB.sandboxId()).doesNotContain(podA.sandboxId());
        assertThat(runtimeA.listContainers()).extracting(ContainerStatus::id).contains(a).doesNotContain(b);
        assertThat(runtimeB.listContainers()).extracting(ContainerStatus::id).contains(b).doesNotContain(a);
        assertThat(runtimeB.listSandboxes()).allSatisfy(s -> assertThat(s.labels()).containsEntry(RuntimeLabels.NODE, nodeB));
        assertThat(runtimeB.listContainers()).allSatisfy(c -> assertThat(c.labels()).containsEntry(RuntimeLabels.NODE, nodeB));

        // a node cannot put a container into another node's sandbox, nor remove another node's objects
        assertThatThrownBy(() -> runtimeA.createContainer(podB.sandboxId(), shell(podB, "intruder", "true")))
                .isInstanceOf(RuntimeOperationException.class);
        runtimeA.removeContainer(b);
        runtimeA.removeSandbox(podB.sandboxId());
        assertThat(runtimeB.containerStatus(b)).isPresent();
        assertThat(runtimeB.listSandboxes()).extracting(SandboxStatus::id).contains(podB.sandboxId());

        runtimeB.removeContainer(b);
        runtimeB.stopSandbox(podB.sandboxId());
        runtimeB.removeSandbox(podB.sandboxId());
        assertThat(runtimeB.listSandboxes()).extracting(SandboxStatus::id).doesNotContain(podB.sandboxId());
        assertThat(runtimeB.listContainers()).extracting(ContainerStatus::id).doesNotContain(b);
    }

    @Test
    void podsReachEachOtherOnTheClusterNetwork() {
        Pod server = runPod(runtimeA, networkA);
        Pod client = runPod(runtimeB, networkB);
        start(runtimeA, server, container(server, "nginx", "nginx:1.14.2", null, null, List.of(), List.of(), 0));
        String clientId = start(runtimeB, client, container(client, "client", BUSYBOX, List.of("hold"), null,
                List.of(), List.of(), 0));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            // no wget -T: the test image's busybox wget crashes with it; the exec timeout bounds the attempt
            ExecResult fetched = runtimeB.exec(clientId, List.of("wget", "-q", "-O", "-",
                    "http://" + server.ip() + "/"), Duration.ofSeconds(5));
            assertThat(fetched.exitCode()).isZero();
            assertThat(fetched.output()).contains("Welcome to nginx!");
        });
    }
}
