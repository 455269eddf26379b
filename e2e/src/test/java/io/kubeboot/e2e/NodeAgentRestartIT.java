package io.kubeboot.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node agent killed with {@code kill -9} and started again adopts its pods' containers: nothing is re-created
 * (the same container IDs in Docker and in the pod status) and the statuses stay right (Running, Ready,
 * restartCount unchanged, also for a container that had restarted once before).
 *
 * <p>Readiness across the restart, as upstream 1.32: a container without a readiness probe stays Ready throughout
 * (its Ready condition keeps its transition time). One with a readiness probe may be reported not ready until the new
 * kubelet's first probe has run, then Ready again: upstream's kubelet does the same (a restarted kubelet has no
 * probe results yet; kubernetes/kubernetes#100277, #113646, still open in 1.32), so only the end state is checked
 * for those and the flip is printed.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NodeAgentRestartIT {
    private static final String NS = "e2e-restart";
    private static final String NODE = "e2e-node-1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * "web": an nginx stand-in with probes. "restarted-once": fails its first run, then runs (a marker in its
     * emptyDir survives the restart), so its restartCount is 1 before the agent dies.
     */
    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              nodeSelector: {kubernetes.io/hostname: e2e-node-1}
              containers:
              - name: web
                image: nginx:1.14.2
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
                livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: restarted-once}
            spec:
              nodeSelector: {kubernetes.io/hostname: e2e-node-1}
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.28
                command: ["sh", "-c", "if [ -e /state/ran ]; then trap 'exit 0' TERM; while true; do sleep 1; done; fi; touch /state/ran; exit 1"]
                readinessProbe: {exec: {command: [cat, /state/ran]}, periodSeconds: 1}
                volumeMounts: [{name: state, mountPath: /state}]
              volumes: [{name: state, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: plain}
            spec:
              nodeSelector: {kubernetes.io/hostname: e2e-node-1}
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.28
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
            """;
    private static final Map<String, Integer> RESTARTS = Map.of("web", 0, "restarted-once", 1, "plain", 0);
    /** The pod without a readiness probe: Ready must not even flip. */
    private static final String UNPROBED = "plain";

    private final Cluster cluster;
    private final Kube kube;
    private final KubernetesClient client;
    private final List<String> deviations = new CopyOnWriteArrayList<>();
    private final List<String> readyFlips = new CopyOnWriteArrayList<>();
    private Watch watch;

    NodeAgentRestartIT(Cluster cluster) {
        this.cluster = cluster;
        this.kube = cluster.kube();
        this.client = cluster.client();
    }

    @BeforeAll
    void createPods() {
        kube.createNamespace(NS);
        kube.applyText(PODS, NS);
    }

    @AfterAll
    void cleanUp() {
        if (watch != null) {
            watch.close();
        }
        client.namespaces().withName(NS).delete();
    }

    /** What must not change across the restart, per pod. */
    private record Snapshot(String statusContainerId, int restartCount, String readySince, List<String> running,
                            List<String> all, String startedAt, String podIp, String lastTerminated) {
    }

    private Snapshot snapshot(Pod p) {
        String uid = p.getMetadata().getUid();
        var c = Pods.container(p);
        var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
        return new Snapshot(Pods.dockerId(p), Pods.restartCount(p),
                Pods.condition(p, "Ready").orElseThrow().getLastTransitionTime(),
                Docker.containers("io.kubernetes.pod.uid=" + uid, false),
                Docker.containers("io.kubernetes.pod.uid=" + uid, true),
                c.getState().getRunning().getStartedAt(), p.getStatus().getPodIP(),
                last == null ? null : last.getContainerID() + " " + last.getExitCode() + " " + last.getFinishedAt());
    }

    private boolean settled(Pod p) {
        return Pods.runningAndReady(p) && running(p);
    }

    /** Running with its container running and its restart count as expected; readiness aside. */
    private boolean running(Pod p) {
        return "Running".equals(p.getStatus().getPhase()) && Pods.container(p) != null
                && Pods.container(p).getState().getRunning() != null
                && Pods.restartCount(p) == RESTARTS.get(p.getMetadata().getName());
    }

    @Test
    void killNineAndRestartReCreatesNothingAndKeepsTheStatuses() {
        await("both pods Running and Ready with their restart counts").atMost(WAIT).pollInterval(POLL)
                .until(() -> RESTARTS.keySet().stream().allMatch(n -> {
                    Pod p = Pods.get(client, NS, n);
                    return p != null && settled(p);
                }));
        Map<String, Snapshot> before = new LinkedHashMap<>();
        for (String name : RESTARTS.keySet()) {
            Pod p = Pods.get(client, NS, name);
            assertThat(p.getSpec().getNodeName()).isEqualTo(NODE);
            Snapshot s = snapshot(p);
            assertThat(s.running()).as(name + ": sandbox and container running").hasSize(2).contains(s.statusContainerId());
            before.put(name, s);
        }
        // any pod status the apiserver holds from here on that is not Running/Ready/same restart count is a deviation
        watch = client.pods().inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String name = pod.getMetadata().getName();
                if (action == Action.DELETED || !running(pod)
                        || !Objects.equals(Pods.dockerId(pod), before.get(name).statusContainerId())) {
                    deviations.add(action + " " + name + " " + pod.getStatus());
                } else if (!Pods.ready(pod)) {
                    readyFlips.add(Instant.now() + " " + name + " not ready");
                    if (name.equals(UNPROBED)) {
                        deviations.add(action + " " + name + " not ready: " + pod.getStatus());
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });

        Cluster.NodeAgent agent = cluster.node(NODE);
        long oldPid = agent.pid();
        agent.kill();
        assertThat(agent.alive()).isFalse();
        before.forEach((name, s) -> assertThat(Docker.containers("io.kubernetes.pod.uid="
                + Pods.get(client, NS, name).getMetadata().getUid(), false))
                .as(name + ": containers outlive their agent").isEqualTo(s.running()));

        Instant restarted = Instant.now();
        agent.restart();
        assertThat(agent.pid()).isNotEqualTo(oldPid);
        // the new agent is at work once it renewed the node's Lease
        await("Lease renewed by the new agent").atMost(WAIT).pollInterval(POLL).until(() -> {
            Lease lease = client.leases().inNamespace("kube-node-lease").withName(NODE).get();
            return lease != null && Instant.parse(lease.getSpec().getRenewTime().toString()).isAfter(restarted);
        });
        // "nothing is re-created" is a property over time: the new kubelet relists every second and probes every
        // second; after 10 s of that, every pod must still be the same
        Instant working = Instant.now();
        await("10 s of the new agent").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .until(() -> Instant.now().isAfter(working.plusSeconds(10)));
        for (Map.Entry<String, Snapshot> e : before.entrySet()) {
            Pod p = Pods.get(client, NS, e.getKey());
            assertThat(settled(p)).as(e.getKey() + " Running, Ready, restart count " + RESTARTS.get(e.getKey())).isTrue();
            Snapshot now = snapshot(p);
            assertThat(now.statusContainerId()).as(e.getKey() + ": containerID in status").isEqualTo(e.getValue().statusContainerId());
            assertThat(now.running()).as(e.getKey() + ": running containers in Docker").isEqualTo(e.getValue().running());
            assertThat(e.getValue().all()).as(e.getKey() + ": no container created").containsAll(now.all());
            assertThat(now.startedAt()).as(e.getKey() + ": running since").isEqualTo(e.getValue().startedAt());
            assertThat(now.podIp()).as(e.getKey() + ": pod IP").isEqualTo(e.getValue().podIp());
            assertThat(now.lastTerminated()).as(e.getKey() + ": lastState.terminated")
                    .isEqualTo(e.getValue().lastTerminated());
            if (e.getKey().equals(UNPROBED)) {
                assertThat(now.readySince()).as(e.getKey() + ": Ready since").isEqualTo(e.getValue().readySince());
            }
        }
        System.out.println("NodeAgentRestartIT: readiness reported false during the restart (upstream does too): "
                + readyFlips);
        assertThat(deviations).as("pod statuses written during the restart").isEmpty();
    }
}
