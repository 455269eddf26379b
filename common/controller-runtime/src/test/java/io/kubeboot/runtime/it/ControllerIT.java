package io.kubeboot.runtime.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Reconciler;
import io.kubeboot.runtime.controller.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A controller fed by a fabric8 informer on the real apiserver: it keeps a "&lt;name&gt;-copy" ConfigMap equal to
 * each source ConfigMap's data and deletes the copy when the source is gone (level-triggered, from the cache).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ControllerIT {
    private KubernetesClient client;
    private String ns;
    private SharedIndexInformer<ConfigMap> informer;
    private Controller<ObjectKey> controller;

    @BeforeEach
    void setUp() {
        client = ItSupport.client();
        ns = ItSupport.createNamespace(client, "ctl");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (controller != null) {
            controller.stop(Duration.ofSeconds(10));
        }
        if (informer != null) {
            informer.stop();
        }
        client.close();
    }

    /** Copies data; never touches the cached object, builds a new one. */
    private Reconciler<ObjectKey> copier() {
        return key -> {
            if (key.name().endsWith("-copy")) {
                return Result.done();
            }
            ConfigMap source = informer.getIndexer().getByKey(key.toString());
            String copyName = key.name() + "-copy";
            if (source == null) {
                client.configMaps().inNamespace(key.namespace()).withName(copyName).delete();
                return Result.done();
            }
            Map<String, String> data = source.getData() == null ? Map.of() : Map.copyOf(source.getData());
            var copies = client.configMaps().inNamespace(key.namespace());
            if (copies.withName(copyName).get() == null) {
                copies.resource(new ConfigMapBuilder().withNewMetadata().withName(copyName).endMetadata().withData(data).build()).create();
            } else {
                copies.withName(copyName).edit(c -> new ConfigMapBuilder(c).withData(data).build());
            }
            return Result.done();
        };
    }

    private ConfigMap copy(String name) {
        return client.configMaps().inNamespace(ns).withName(name + "-copy").get();
    }

    @Test
    void reconcilesCreateUpdateAndDeleteOfAConfigMap() throws Exception {
        informer = client.configMaps().inNamespace(ns).runnableInformer(0);
        controller = Controller.<ObjectKey>builder().name("cm-copier").workers(2).reconciler(copier())
                .watch(informer, ObjectKey::of).build();
        informer.start();
        controller.start();

        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata()
                .addToData("v", "1").build()).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> copy("app") != null && "1".equals(copy("app").getData().get("v")));

        client.configMaps().inNamespace(ns).withName("app").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> "2".equals(copy("app").getData().get("v")));

        client.configMaps().inNamespace(ns).withName("app").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> copy("app") == null);
        assertThat(controller.queue().numRequeues(new ObjectKey(ns, "app"))).isZero();
    }
}
