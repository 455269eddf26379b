package io.kubeboot.node.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.nodestatus.HostInfo;
import io.kubeboot.node.nodestatus.NodeEventSink;
import io.kubeboot.node.nodestatus.NodeStatusSettings;
import io.kubeboot.node.nodestatus.NodeStatusUpdater;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus.State;
import io.kubeboot.node.server.KubeletServer;
import io.kubeboot.node.server.NodePods;
import io.kubeboot.node.server.ScriptedContainerRuntime;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.testkit.ApiServerProcess;
import io.kubeboot.testkit.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code kubectl logs} end to end: kubectl -> apiserver ({@code pods/log}) -> the node agent's kubelet server
 * (the Node it registered publishes 127.0.0.1 and the server's port) -> the runtime (scripted). The agent's server
 * runs in a minimal Spring Boot app of its own, so this test needs nothing else of the agent.
 */
class KubeletLogsIT {
    static final ScriptedContainerRuntime RUNTIME = new ScriptedContainerRuntime();
    static final String NODE = "logs-it-" + UUID.randomUUID().toString().substring(0, 8);
    static KubernetesClient client;
    static ConfigurableApplicationContext agent;
    static ScheduledExecutorService executor;
    static NodeStatusUpdater updater;
    static String ns;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(KubeletServer.class)
    static class AgentServer {
        @Bean
        ContainerRuntime runtime() {
            return RUNTIME;
        }

        @Bean
        NodePods nodePods() {
            return () -> client.pods().inAnyNamespace().withField("spec.nodeName", NODE).list().getItems();
        }
    }

    @BeforeAll
    static void start() {
        client = KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url()).withRateLimit(-1, 0));
        agent = new SpringApplicationBuilder(AgentServer.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "management.endpoints.web.exposure.include=health")
                .run();
        int port = ((WebServerApplicationContext) agent).getWebServer().getPort();
        executor = Executors.newScheduledThreadPool(1);
        updater = new NodeStatusUpdater(client, RUNTIME, new NodeStatusSettings(NODE, "127.0.0.1", port, Map.of(), "1", "1Gi",
                10, System.getProperty("java.io.tmpdir"), Duration.ofSeconds(1), Duration.ofMinutes(5)), HostInfo.read(),
                executor, NodeEventSink.NONE);
        updater.start();
        await().atMost(Duration.ofSeconds(20)).until(updater::registered);
        ns = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        updater.close();
        executor.shutdownNow();
        agent.close();
        client.nodes().withName(NODE).delete();
        client.namespaces().withName(ns).delete();
        client.close();
    }

    private static Pod createPod(String name, String... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withNodeName(NODE).endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("busybox").endContainer().endSpec();
        }
        return client.pods().inNamespace(ns).resource(b.build()).create();
    }

    @Test
    void kubectlLogsGoesThroughTheApiserverToTheAgentAndTheRuntime() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl not found at " + Kubectl.binary() + ": skipped");
        Pod pod = createPod("web", "app", "sidecar");
        String uid = pod.getMetadata().getUid();
        RUNTIME.container(uid + "-0", ns, "web", uid, "app", 0, State.EXITED, "crashed once")
                .container(uid + "-1", ns, "web", uid, "app", 1, State.RUNNING, "hello", "from", "the runtime");
        Kubectl kubectl = new Kubectl(ApiServerProcess.get().url());

        assertThat(kubectl.run("logs", "-n", ns, "web", "-c", "app").assertOk().out()).isEqualTo("hello\nfrom\nthe runtime\n");
        assertThat(kubectl.run("logs", "-n", ns, "web", "-c", "app", "--tail=1").assertOk().out()).isEqualTo("the runtime\n");
        assertThat(kubectl.run("logs", "-n", ns, "web", "-c", "app", "--previous").assertOk().out()).isEqualTo("crashed once\n");
        assertThat(client.pods().inNamespace(ns).withName("web").inContainer("app").tailingLines(2).getLog())
                .isEqualTo("from\nthe runtime\n");

        Kubectl.Result sidecar = kubectl.run("logs", "-n", ns, "web", "-c", "sidecar");
        assertThat(sidecar.exitCode()).isNotZero();
        assertThat(sidecar.err()).contains("container \"sidecar\" in pod \"web\" is not available");

        Kubectl.Result unknown = kubectl.run("logs", "-n", ns, "web", "-c", "nope");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("container nope is not valid for pod web");

        Path out = Files.createTempFile("follow", ".out");
        Process follow = kubectl.start(out, "logs", "-f", "-n", ns, "web", "-c", "app");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("the runtime"));
            RUNTIME.append(uid + "-1", "a new line");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("a new line"));
            RUNTIME.endFollow(uid + "-1");
            assertThat(follow.waitFor(20, TimeUnit.SECONDS)).as("kubectl logs -f ends when the container's log ends").isTrue();
            assertThat(Files.readString(out)).isEqualTo("hello\nfrom\nthe runtime\na new line\n");
        } finally {
            follow.destroyForcibly();
        }
    }
}
