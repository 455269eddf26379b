package io.kubeboot.node.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.network.DockerPodNetwork;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ExecStreams;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.docker.DockerRuntime;
import io.kubeboot.node.server.KubeletExecServer;
import io.kubeboot.testkit.ChannelWebSocket;
import io.kubeboot.testkit.DockerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kubelet's {@code /exec} on the real Docker Engine: a pod sandbox and a busybox container made by
 * {@link DockerRuntime} (names and labels with a per-run prefix, removed at the end, on a test network), the
 * kubelet's exec endpoint in a minimal Spring Boot app, and a JDK WebSocket client speaking the remote-command
 * protocols as kubectl (v5) and fabric8 (v4) do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KubeletExecIT {
    private static final String PAUSE = "registry.k8s.io/pause:3.10";
    private static final String BUSYBOX = "busybox:1.28";
    private static DockerRuntime runtime;

    private final String run = "execit-" + UUID.randomUUID().toString().substring(0, 8);
    private final String pod = "pod-" + run;
    private DockerClient docker;
    private ConfigurableApplicationContext agent;
    private String base;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(KubeletExecServer.class)
    static class AgentServer {
        /** The test closes the runtime itself, after removing its containers. */
        @Bean(destroyMethod = "")
        ContainerRuntime runtime() {
            return runtime;
        }
    }

    @BeforeAll
    void start() {
        DockerEngine.require();
        runtime = new DockerRuntime("unix:///var/run/docker.sock", run);
        docker = runtime.dockerClient();
        NodeAgentProperties.Network settings = new NodeAgentProperties.Network();
        settings.setName(run);
        settings.setClusterCidr("10.251.0.0/16");
        settings.setEgressGuard(false);
        DockerPodNetwork network = new DockerPodNetwork(runtime, settings, () -> Optional.of("10.251.1.0/24"));
        String uid = run + "-uid";
        String sandbox = runtime.runSandbox(new SandboxSpec("default", pod, uid, pod, null, network.networkName(),
                network.allocate(uid), null, Map.of(), Map.of(), PAUSE));
        Map<String, String> labels = Map.of(RuntimeLabels.POD_UID, uid, RuntimeLabels.POD_NAME, pod,
                RuntimeLabels.POD_NAMESPACE, "default", RuntimeLabels.CONTAINER_NAME, "sh", RuntimeLabels.RESTART_COUNT, "0");
        String id = runtime.createContainer(sandbox, new ContainerSpec("k8s_sh_" + pod + "_default_" + uid + "_0", BUSYBOX,
                List.of("sh", "-c", "while true; do sleep 1; done"), null, List.of("GREETING=hi-there"), null, List.of(),
                0, 0, 0, 0, false, false, labels));
        runtime.startContainer(id);

        agent = new SpringApplicationBuilder(AgentServer.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .run();
        base = "127.0.0.1:" + ((WebServerApplicationContext) agent).getWebServer().getPort() + "/exec/default/" + pod;
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (docker == null) {
            return;
        }
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RuntimeLabels.NODE, run)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        try {
            docker.removeNetworkCmd(run).exec();
        } catch (RuntimeException e) {
            // never created
        }
        runtime.close();
    }

    private ChannelWebSocket.Session exec(String protocol, String query, List<byte[]> send) throws Exception {
        return ChannelWebSocket.exchange(URI.create("ws://" + base + "/sh?" + query), protocol, send, Duration.ofSeconds(30));
    }

    private static String command(String... argv) {
        List<String> parts = new ArrayList<>();
        for (String a : argv) {
            parts.add("command=" + URLEncoder.encode(a, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    @Test
    void v5RunsTheCommandAndEndsWithASuccessStatus() throws Exception {
        ChannelWebSocket.Session s = exec("v5.channel.k8s.io", command("sh", "-c", "echo $GREETING; echo oops >&2") + "&output=1&error=1",
                List.of());
        assertThat(s.subprotocol()).isEqualTo("v5.channel.k8s.io");
        // the first message announces the connection on the lowest writable channel, with no data
        assertThat(s.messages().get(0)).containsExactly(1);
        assertThat(s.channel(1)).isEqualTo("hi-there\n");
        assertThat(s.channel(2)).isEqualTo("oops\n");
        assertThat(s.channel(3)).isEqualTo("{\"metadata\":{},\"status\":\"Success\"}");
        assertThat(s.closeCode()).isEqualTo(1000);
    }

    @Test
    void aNonZeroExitIsAFailureStatusWithTheExitCode() throws Exception {
        ChannelWebSocket.Session s = exec("v4.channel.k8s.io", command("sh", "-c", "exit 3") + "&output=1", List.of());
        assertThat(s.subprotocol()).isEqualTo("v4.channel.k8s.io");
        assertThat(s.channel(3)).contains("\"status\":\"Failure\"").contains("\"reason\":\"NonZeroExitCode\"")
                .contains("\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]");
    }

    @Test
    void v5CloseSignalEndsStdin() throws Exception {
        byte[] data = "hello stdin\n".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[data.length + 1];
        System.arraycopy(data, 0, frame, 1, data.length);
        ChannelWebSocket.Session s = exec("v5.channel.k8s.io", command("cat") + "&input=1&output=1&error=1",
                List.of(frame, new byte[] {(byte) 255, 0}));
        assertThat(s.channel(1)).isEqualTo("hello stdin\n");
        assertThat(s.channel(3)).isEqualTo("{\"metadata\":{},\"status\":\"Success\"}");
    }

    @Test
    void refusalsComeBeforeTheUpgradeAsPlainText() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> noStreams = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/sh?" + command("true")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noStreams.statusCode()).isEqualTo(400);
        assertThat(noStreams.body()).isEqualTo("you must specify at least 1 of stdin, stdout, stderr");
        HttpResponse<String> noContainer = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/nope?"
                + command("true") + "&output=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noContainer.statusCode()).isEqualTo(500);
        assertThat(noContainer.body()).isEqualTo("container not found (\"nope\")");
    }

    @Test
    void theRuntimeAloneHalfClosesStdinAtItsEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String id = runtime.listContainers().stream().filter(c -> "sh".equals(c.labels().get(RuntimeLabels.CONTAINER_NAME)))
                .findFirst().orElseThrow().id();
        int code = runtime.execStreaming(id, new ExecStreams(List.of("sh", "-c", "cat; exit 5"), false,
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), out, out, null));
        assertThat(code).isEqualTo(5);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abc");
    }
}
