package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.workqueue.RateLimiter;
import io.kubeboot.runtime.workqueue.RateLimiters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings become client configuration; nothing else (no ~/.kube/config) leaks in. No connection is made. */
class KubeClientsTest {

    @Test
    void settingsBecomeTheClientsConfig() {
        ClientSettings settings = ClientSettings.defaults().withMasterUrl("http://10.0.0.1:6443").withUserAgent("kube-scheduler/v1.32.0")
                .withRequestTimeout(Duration.ofSeconds(30));
        try (KubernetesClient client = KubeClients.create(settings)) {
            Config c = client.getConfiguration();
            assertThat(c.getMasterUrl()).startsWith("http://10.0.0.1:6443");
            assertThat(c.getUserAgent()).isEqualTo("kube-scheduler/v1.32.0");
            // the timeout is the HTTP client's (RequestTimeout), not fabric8's timer
            assertThat(c.getRequestTimeout()).isZero();
            assertThat(KubeClients.requestTimeout(settings)).isEqualTo(Duration.ofSeconds(30));
            assertThat(KubeClients.requestTimeout(ClientSettings.defaults())).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void aKubeconfigIsReadAndTheMasterUrlOverridesItsServer(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kb
                  cluster:
                    server: http://kubeconfig-server:6443
                contexts:
                - name: kb
                  context:
                    cluster: kb
                    user: admin
                    namespace: team-a
                current-context: kb
                users:
                - name: admin
                  user:
                    token: secret-token
                """);
        Config fromFile = KubeClients.config(new ClientSettings(null, kubeconfig.toString(), 0, 0, null, null));
        assertThat(fromFile.getMasterUrl()).startsWith("http://kubeconfig-server:6443");
        assertThat(fromFile.getNamespace()).isEqualTo("team-a");
        assertThat(fromFile.getAutoOAuthToken()).isEqualTo("secret-token");

        Config overridden = KubeClients.config(new ClientSettings("http://override:1", kubeconfig.toString(), 0, 0, null, null));
        assertThat(overridden.getMasterUrl()).startsWith("http://override:1");
        assertThat(overridden.getAutoOAuthToken()).isEqualTo("secret-token");
    }

    @Test
    void throttleWaitsForTokensBeyondTheBurst() {
        List<Duration> slept = new ArrayList<>();
        RateLimiter<Object> bucket = RateLimiters.bucket(5, 2);
        Throttle throttle = new Throttle(bucket, slept::add);
        for (int i = 0; i < 4; i++) {
            throttle.before(null, null, null);
        }
        // the burst of 2 goes at once; then one token every 200ms (5 qps)
        assertThat(slept).hasSize(2);
        assertThat(slept.get(0)).isBetween(Duration.ofMillis(150), Duration.ofMillis(200));
        assertThat(slept.get(1)).isBetween(Duration.ofMillis(350), Duration.ofMillis(400));
    }
}
