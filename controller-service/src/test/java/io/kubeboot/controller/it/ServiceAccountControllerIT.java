package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.serviceaccount.ServiceAccountsController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ServiceAccounts controller against the real apiserver: every namespace gets a "default" ServiceAccount. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServiceAccountControllerIT {
    private static ItSupport.Manager manager;
    private static KubernetesClient client;

    @BeforeAll
    static void startManager() {
        client = ItSupport.client();
        manager = new ItSupport.Manager("kcm-sa-it", List.of(ServiceAccountsController.descriptor()));
        await().atMost(Duration.ofSeconds(30)).until(manager.manager::isLeader);
    }

    @AfterAll
    static void stopManager() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private ServiceAccount defaultSa(String ns) {
        return client.serviceAccounts().inNamespace(ns).withName("default").get();
    }

    @Test
    void aNewNamespaceGetsTheDefaultServiceAccountAgainAfterItIsDeleted() {
        String ns = ItSupport.createNamespace(client, "sa");
        await().atMost(Duration.ofSeconds(60)).until(() -> defaultSa(ns) != null);
        String uid = defaultSa(ns).getMetadata().getUid();

        client.serviceAccounts().inNamespace(ns).withName("default").delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ServiceAccount sa = defaultSa(ns);
            return sa != null && !sa.getMetadata().getUid().equals(uid);
        });
        assertThat(client.serviceAccounts().inNamespace(ns).list().getItems())
                .extracting(sa -> sa.getMetadata().getName()).containsExactly("default");
    }

    @Test
    void existingNamespacesAreCoveredToo() {
        // kube-system existed before the manager started
        await().atMost(Duration.ofSeconds(60)).until(() -> defaultSa("kube-system") != null);
    }
}
