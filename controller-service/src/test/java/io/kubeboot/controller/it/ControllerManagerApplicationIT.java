package io.kubeboot.controller.it;

import io.kubeboot.controller.ControllerManagerApplication;
import io.kubeboot.controller.manager.ControllerManager;
import io.kubeboot.testkit.ApiServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole service: Spring wiring, leader election on its Lease, /healthz and the Prometheus metrics. */
@SpringBootTest(classes = ControllerManagerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kubeboot.controllers.exit-on-lost-lease=false", "kubeboot.controllers.leader-election.name=kcm-app-it",
                "kubeboot.cloud.exit-on-lost-lease=false", "kubeboot.cloud.leader-election.name=ccm-in-kcm-app-it"})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
// the context must close after this class: its controllers would otherwise keep acting on the other ITs' objects
@org.springframework.test.annotation.DirtiesContext
class ControllerManagerApplicationIT {
    @LocalServerPort
    int port;
    @Autowired
    ControllerManager manager;

    @DynamicPropertySource
    static void apiserver(DynamicPropertyRegistry registry) {
        registry.add("kubeboot.controllers.apiserver-url", () -> ApiServerProcess.get().url());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void leadsRunsTheControllersAndServesHealthAndMetrics() throws Exception {
        // every controller registered by its package's configuration runs by default
        assertThat(manager.names()).containsExactlyInAnyOrder("replicaset", "namespace", "deployment", "endpoint",
                "endpointslice", "garbagecollector", "podgc", "serviceaccount", "node-lifecycle-controller",
                "taint-eviction-controller", "node-ipam-controller", "cloud-controller-manager", "daemonset", "job", "cronjob", "ttl-after-finished");
        await().atMost(Duration.ofSeconds(60)).until(manager::isLeader);
        assertThat(manager.currentLeader()).isEqualTo(manager.identity());
        assertThat(get("/healthz")).isEqualTo("ok");
        String metrics = get("/actuator/prometheus");
        assertThat(metrics).contains("workqueue_depth{", "name=\"replicaset\"", "name=\"namespace\"",
                "leader_election_master_status{");
    }
}
