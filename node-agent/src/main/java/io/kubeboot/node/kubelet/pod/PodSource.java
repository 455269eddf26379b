package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The kubelet's API pod source: one informer on pods, either with field selector {@code spec.nodeName=<node>} for
 * one node, or unfiltered and dispatching by {@code spec.nodeName} to several kubelets (simulated nodes in one
 * process). Handlers only hand the pod over; start the kubelets before the source.
 */
public final class PodSource implements AutoCloseable {
    private final KubernetesClient client;
    private final String nodeName;
    private final Function<String, PodHandler> route;
    private SharedIndexInformer<Pod> informer;

    private PodSource(KubernetesClient client, String nodeName, Function<String, PodHandler> route) {
        this.client = client;
        this.nodeName = nodeName;
        this.route = route;
    }

    /** The pods of one node. */
    public static PodSource forNode(KubernetesClient client, String nodeName, PodHandler kubelet) {
        return new PodSource(client, nodeName, n -> nodeName.equals(n) ? kubelet : null);
    }

    /** The pods of every node in {@code kubelets} (by node name), with one unfiltered informer. */
    public static PodSource forNodes(KubernetesClient client, Map<String, ? extends PodHandler> kubelets) {
        Map<String, PodHandler> copy = Map.copyOf(kubelets);
        return new PodSource(client, null, copy::get);
    }

    public synchronized void start() {
        if (informer != null) {
            return;
        }
        var pods = client.pods().inAnyNamespace();
        ResourceEventHandler<Pod> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                PodHandler h = handlerFor(pod);
                if (h != null) {
                    h.podUpdated(pod);
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                PodHandler h = handlerFor(newPod);
                if (h != null) {
                    h.podUpdated(newPod);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                PodHandler h = handlerFor(pod);
                if (h != null) {
                    h.podDeleted(pod);
                }
            }
        };
        informer = nodeName != null
                ? pods.withField("spec.nodeName", nodeName).inform(handler, 0)
                : pods.inform(handler, 0);
    }

    /** Whether the informer has listed once. */
    public boolean hasSynced() {
        SharedIndexInformer<Pod> i = informer;
        return i != null && i.hasSynced();
    }

    /** The pods this source routes to its kubelets, from the informer's cache (empty before it started). */
    public List<Pod> pods() {
        SharedIndexInformer<Pod> i = informer;
        if (i == null) {
            return List.of();
        }
        return i.getStore().list().stream().filter(p -> handlerFor(p) != null).toList();
    }

    private PodHandler handlerFor(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? null : route.apply(node);
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }
}
