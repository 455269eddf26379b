package io.kubeboot.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kubeboot.testkit.Kubectl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * What a user does with kubectl: apply manifests, read logs, delete, label. The real kubectl when it is installed,
 * the fabric8 client doing the same steps otherwise. Reads of object state for assertions go through
 * {@link #client()} directly.
 */
final class Kube {
    private final KubernetesClient client;
    private final Kubectl kubectl;

    Kube(KubernetesClient client, String apiserverUrl) {
        this.client = client;
        this.kubectl = Kubectl.available() ? new Kubectl(apiserverUrl) : null;
    }

    KubernetesClient client() {
        return client;
    }

    boolean usesKubectl() {
        return kubectl != null;
    }

    /**
     * {@code kubectl apply -f FILE [-n NAMESPACE]}: namespace null keeps the manifest's own (or default).
     */
    void apply(Path manifest, String namespace) {
        if (kubectl != null) {
            if (namespace == null) {
                kubectl.run("apply", "-f", manifest.toString()).assertOk();
            } else {
                kubectl.run("apply", "-n", namespace, "-f", manifest.toString()).assertOk();
            }
            return;
        }
        try (InputStream in = Files.newInputStream(manifest)) {
            applyWithClient(in, namespace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl apply -f -} with the given YAML or JSON. */
    void applyText(String manifest, String namespace) {
        if (kubectl != null) {
            kubectl.runWithInput(manifest, "apply", "-n", namespace, "-f", "-").assertOk();
            return;
        }
        applyWithClient(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), namespace);
    }

    private void applyWithClient(InputStream in, String namespace) {
        for (HasMetadata item : client.load(in).items()) {
            if (namespace != null && item.getMetadata().getNamespace() == null) {
                client.resource(item).inNamespace(namespace).createOr(NonDeletingOperation::update);
            } else {
                client.resource(item).createOr(NonDeletingOperation::update);
            }
        }
    }

    /**
     * {@code kubectl create namespace NAME}, then waits for its default ServiceAccount (made by the controller
     * manager), without which the apiserver refuses pods.
     */
    void createNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            if (kubectl != null) {
                kubectl.run("create", "namespace", name).assertOk();
            } else {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                        .create();
            }
        }
        await("default ServiceAccount in " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
    }

    /** {@code kubectl logs POD -c CONTAINER -n NAMESPACE} (container may be null: the pod's only one). */
    String logs(String namespace, String pod, String container) {
        if (kubectl != null) {
            return container == null
                    ? kubectl.run("logs", "-n", namespace, pod).assertOk().out()
                    : kubectl.run("logs", "-n", namespace, pod, "-c", container).assertOk().out();
        }
        var p = client.pods().inNamespace(namespace).withName(pod);
        return container == null ? p.getLog() : p.inContainer(container).getLog();
    }

    /** {@code kubectl delete pod NAME -n NAMESPACE --wait=false}: a graceful deletion; returns at once. */
    void deletePod(String namespace, String pod) {
        if (kubectl != null) {
            kubectl.run("delete", "pod", pod, "-n", namespace, "--wait=false").assertOk();
        } else {
            client.pods().inNamespace(namespace).withName(pod).delete();
        }
    }

    /** {@code kubectl label nodes NODE KEY=VALUE --overwrite}. */
    void labelNode(String node, String key, String value) {
        if (kubectl != null) {
            kubectl.run("label", "nodes", node, key + "=" + value, "--overwrite").assertOk();
        } else {
            client.nodes().withName(node).edit(n -> {
                n.getMetadata().getLabels().put(key, value);
                return n;
            });
        }
    }

    /** {@code kubectl get pod NAME -n NAMESPACE} as printed (the STATUS column a user reads); null without kubectl. */
    String getPodTable(String namespace, String pod) {
        return kubectl == null ? null : kubectl.run("get", "pod", pod, "-n", namespace).assertOk().out();
    }
}
