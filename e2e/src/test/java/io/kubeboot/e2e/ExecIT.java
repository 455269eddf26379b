package io.kubeboot.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.kubeboot.testkit.Kubectl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code kubectl exec} and fabric8's exec on the e2e cluster: apiserver {@code pods/exec} over WebSocket to the
 * kubelet's {@code /exec}, which runs {@code docker exec}. Output, exit codes (kubectl's {@code command terminated
 * with exit code N}) and stdin end of file (v5's close signal) as on Kubernetes.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExecIT {
    private static final String NS = "e2e-exec";
    private static final String POD = "shell";

    private final Cluster cluster;
    private final KubernetesClient client;

    ExecIT(Cluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
    }

    @BeforeAll
    void runningPod() {
        cluster.kube().createNamespace(NS);
        cluster.kube().applyText("""
                apiVersion: v1
                kind: Pod
                metadata: {name: shell}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: sh
                    image: busybox:1.28
                    command: ["sh", "-c", "while true; do sleep 1; done"]
                    env: [{name: GREETING, value: hello-from-exec}]
                """, NS);
        await("pod running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> Pods.runningAndReady(Pods.get(client, NS, POD)));
    }

    private Kubectl kubectl() {
        assumeTrue(Kubectl.available(), "kubectl is not installed (" + Kubectl.binary() + "): kubectl exec not checked");
        return new Kubectl(cluster.apiserverUrl());
    }

    @Test
    void kubectlExecPrintsTheEnvironment() {
        Kubectl.Result r = kubectl().run("exec", "-n", NS, POD, "--", "printenv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("GREETING=hello-from-exec").contains("HOSTNAME=" + POD);
    }

    @Test
    void kubectlExecExitsWithTheCommandsCode() {
        Kubectl.Result r = kubectl().run("exec", "-n", NS, POD, "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).contains("err\n").contains("command terminated with exit code 3");
    }

    @Test
    void kubectlExecPassesStdinUntilItsEnd() {
        // stdin is already at its end as kubectl connects, so its data and close frames follow the 101 within 0.2 ms:
        // the upgrade answered off the connection's event loop lost them in about 1 run of 35 (now answered on it)
        Kubectl.Result r = kubectl().runWithInput("hi\n", "exec", "-i", "-n", NS, POD, "--", "cat");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n");
    }

    @Test
    void kubectlExecInAMissingContainerIsRefused() {
        Kubectl.Result r = kubectl().run("exec", "-n", NS, POD, "-c", "nope", "--", "true");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("container nope is not valid for pod shell");
    }

    @Test
    void fabric8ExecGetsStdoutAndTheExitCode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(NS).withName(POD).inContainer("sh")
                .writingOutput(out).writingError(err).exec("sh", "-c", "echo $GREETING; exit 7")) {
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(7);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello-from-exec\n");

        try (ExecWatch watch = client.pods().inNamespace(NS).withName(POD).redirectingOutput().exec("printenv", "GREETING")) {
            String printed = new String(watch.getOutput().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(printed).isEqualTo("hello-from-exec\n");
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isZero();
        }
    }
}
