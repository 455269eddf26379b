package io.kubeboot.controller.it;

import io.kubeboot.controller.cloud.CloudControllerManagerApplication;
import io.kubeboot.controller.manager.ControllerManager;
import io.kubeboot.testkit.ApiServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The standalone cloud-controller-manager process: only the cloud group runs, under its own Lease, with /healthz. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CloudControllerManagerApplicationIT {
    @Test
    void runsOnlyTheCloudControllersUnderTheirOwnLease() throws Exception {
        try (ConfigurableApplicationContext ctx = CloudControllerManagerApplication.run(
                "--server.port=0", "--kubeboot.controllers.apiserver-url=" + ApiServerProcess.get().url(),
                "--kubeboot.cloud.leader-election.name=ccm-standalone-it", "--kubeboot.cloud.exit-on-lost-lease=false",
                "--kubeboot.cloud.local.address-pool=127.0.0.130-127.0.0.140")) {
            ControllerManager manager = ctx.getBean(ControllerManager.class);
            assertThat(manager.names()).containsExactly("cloud-controller-manager");
            var client = ItSupport.client();
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.resources(
                        io.fabric8.kubernetes.api.model.coordination.v1.Lease.class).inNamespace("kube-system")
                        .withName("ccm-standalone-it").get()).isNotNull());
            } finally {
                client.close();
            }
            String port = ctx.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("ok");
        }
    }
}
