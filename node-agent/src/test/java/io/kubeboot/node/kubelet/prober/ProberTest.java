package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.kubeboot.node.runtime.ExecResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream prober_test.go TestProbe / exec_test.go: exec results, static env expansion, unsupported and refused probes. */
class ProberTest {
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u").endMetadata()
            .withNewSpec().endSpec().build();
    private static final Container CONTAINER = new ContainerBuilder().withName("c")
            .addNewEnv().withName("FILE").withValue("/tmp/healthy").endEnv()
            .addNewEnv().withName("FROM_FIELD").withNewValueFrom().withNewFieldRef("v1", "metadata.name").endValueFrom().endEnv()
            .build();

    private static Probe exec(String... command) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec().withTimeoutSeconds(2).build();
    }

    private record Case(String name, ExecResult result, ProbeOutcome expected) {
    }

    @Test
    void execResults() {
        List<Case> cases = List.of(
                new Case("exit 0", new ExecResult(0, "OK", false), ProbeOutcome.success("OK")),
                new Case("exit 1", new ExecResult(1, "cat: can't open '/tmp/healthy': No such file or directory\n", false),
                        ProbeOutcome.failure("cat: can't open '/tmp/healthy': No such file or directory\n")),
                new Case("timeout", new ExecResult(-1, "", true), ProbeOutcome.failure("command \"cat  /tmp/healthy\" timed out")));
        for (Case c : cases) {
            ScriptedExecRuntime runtime = new ScriptedExecRuntime().then(c.result());
            ProbeOutcome outcome = new Prober(runtime).run(exec("cat", "$(FROM_FIELD)", "$(FILE)"), POD, CONTAINER, "docker://abc", List.of("10.0.0.1"));
            assertThat(outcome).as(c.name()).isEqualTo(c.expected());
            // probe commands see only literal env values (a valueFrom variable is empty), as upstream's
            // ExpandContainerCommandOnlyStatic; the runtime gets its own container ID
            assertThat(runtime.calls).containsExactly(new ScriptedExecRuntime.Call("abc",
                    List.of("cat", "", "/tmp/healthy"), Duration.ofSeconds(2)));
        }
    }

    @Test
    void runtimeErrorIsAProbeError() {
        ScriptedExecRuntime runtime = new ScriptedExecRuntime().thenThrow(new IllegalStateException("container not running"));
        assertThatThrownBy(() -> new Prober(runtime).run(exec("true"), POD, CONTAINER, "abc", List.of()))
                .isInstanceOf(ProbeException.class).hasMessage("container not running");
    }

    @Test
    void grpcUnsupportedAndMissingHandler() {
        Probe grpc = new ProbeBuilder().withNewGrpc().withPort(9000).endGrpc().build();
        assertThat(new Prober(null).run(grpc, POD, CONTAINER, "abc", List.of("10.0.0.1")))
                .isEqualTo(ProbeOutcome.failure("gRPC probes are not supported by this kubelet"));
        assertThatThrownBy(() -> new Prober(null).run(new Probe(), POD, CONTAINER, "abc", List.of("10.0.0.1")))
                .isInstanceOf(ProbeException.class).hasMessage("missing probe handler for p_ns(u):c");
    }

    @Test
    void foreignHostsAreNotContacted() {
        Probe tcp = new ProbeBuilder().withNewTcpSocket().withHost("192.0.2.1").withPort(new IntOrString(80)).endTcpSocket().build();
        ProbeOutcome outcome = new Prober(null).run(tcp, POD, CONTAINER, "abc", List.of("10.244.1.5"));
        assertThat(outcome.result()).isEqualTo(ProbeOutcome.Result.FAILURE);
        assertThat(outcome.output()).contains("not contacted (network safety");
    }
}
