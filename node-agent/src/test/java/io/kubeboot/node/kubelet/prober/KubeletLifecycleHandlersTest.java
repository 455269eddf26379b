package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LifecycleHandlerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.node.runtime.ExecResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream lifecycle/handlers_test.go: exec, httpGet, sleep and invalid handlers, with upstream's messages. */
class KubeletLifecycleHandlersTest {
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("foo").withNamespace("nsFoo").withUid("foo-uid")
            .endMetadata().withNewSpec().addNewContainer().withName("containerFoo").addNewPort().withName("http")
            .withContainerPort(8080).endPort().endContainer().endSpec().build();

    private static LifecycleHandler exec(String... command) {
        return new LifecycleHandlerBuilder().withNewExec().withCommand(command).endExec().build();
    }

    @Test
    void execHooks() {
        record Case(String name, ExecResult result, Optional<String> expected) {
        }
        List<Case> cases = List.of(
                new Case("success", new ExecResult(0, "", false), Optional.empty()),
                new Case("failure", new ExecResult(1, "oops\n", false), Optional.of(
                        "Exec lifecycle hook ([sh -c exit 1]) for Container \"containerFoo\" in Pod \"foo_nsFoo(foo-uid)\" failed - "
                                + "error: command 'sh -c exit 1' exited with 1: oops\n, message: \"oops\\n\"")));
        for (Case c : cases) {
            ScriptedExecRuntime runtime = new ScriptedExecRuntime().then(c.result());
            Optional<String> msg = new KubeletLifecycleHandlers(runtime, Duration.ofSeconds(5))
                    .run(POD, "containerFoo", "docker://abc", "10.0.0.1", exec("sh", "-c", "exit 1"));
            assertThat(msg).as(c.name()).isEqualTo(c.expected());
            assertThat(runtime.calls).extracting(ScriptedExecRuntime.Call::containerId).containsExactly("abc");
        }
    }

    @Test
    void httpHooks() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer().on("/bar", LocalHttpServer.status(500, "no"))) {
            LifecycleHandler handler = new LifecycleHandlerBuilder().withNewHttpGet().withPath("/bar")
                    .withPort(new IntOrString(server.port())).endHttpGet().build();
            // any HTTP response is a success for a hook, as upstream
            assertThat(new KubeletLifecycleHandlers(null).run(POD, "containerFoo", "abc", "127.0.0.1", handler)).isEmpty();
            assertThat(server.seen).extracting(LocalHttpServer.Seen::path).containsExactly("/bar");
            assertThat(server.seen.get(0).headers().get("User-agent")).containsExactly("kube-lifecycle/1.32");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        LifecycleHandler refused = new LifecycleHandlerBuilder().withNewHttpGet().withPath("/bar")
                .withPort(new IntOrString(closed)).endHttpGet().build();
        assertThat(new KubeletLifecycleHandlers(null).run(POD, "containerFoo", "abc", "127.0.0.1", refused)).contains(
                "HTTP lifecycle hook (/bar) for Container \"containerFoo\" in Pod \"foo_nsFoo(foo-uid)\" failed - error: "
                        + "Get \"http://127.0.0.1:" + closed + "/bar\": dial tcp 127.0.0.1:" + closed + ": connect: connection refused");
    }

    @Test
    void httpHookToAnotherHostIsNotSent() {
        LifecycleHandler handler = new LifecycleHandlerBuilder().withNewHttpGet().withHost("192.0.2.1").withPath("/bar")
                .withPort(new IntOrString("http")).endHttpGet().build();
        Optional<String> msg = new KubeletLifecycleHandlers(null).run(POD, "containerFoo", "abc", "10.244.1.5", handler);
        assertThat(msg).hasValueSatisfying(m -> assertThat(m)
                .startsWith("HTTP lifecycle hook (/bar) for Container \"containerFoo\" in Pod \"foo_nsFoo(foo-uid)\" failed - error: ")
                .contains("not contacted (network safety"));
    }

    @Test
    void sleepHooks() throws InterruptedException {
        LifecycleHandler zero = new LifecycleHandlerBuilder().withNewSleep().withSeconds(0L).endSleep().build();
        assertThat(new KubeletLifecycleHandlers(null).run(POD, "containerFoo", "abc", "", zero)).isEmpty();

        LifecycleHandler long10 = new LifecycleHandlerBuilder().withNewSleep().withSeconds(10L).endSleep().build();
        AtomicReference<Optional<String>> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(new KubeletLifecycleHandlers(null).run(POD, "containerFoo", "abc", "", long10)));
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(5000);
        assertThat(result.get()).contains("Sleep lifecycle hook (10) for Container \"containerFoo\" in Pod \"foo_nsFoo(foo-uid)\" "
                + "failed - error: container terminated before sleep hook finished");
    }

    @Test
    void tcpSocketHandlerIsInvalid() {
        LifecycleHandler tcp = new LifecycleHandlerBuilder().withNewTcpSocket().withPort(new IntOrString(8080)).endTcpSocket().build();
        assertThat(new KubeletLifecycleHandlers(null).run(POD, "containerFoo", "abc", "10.0.0.1", tcp)).contains(
                "Cannot run handler: invalid handler: &LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:{0 8080 },Host:,},Sleep:nil,}");
    }
}
