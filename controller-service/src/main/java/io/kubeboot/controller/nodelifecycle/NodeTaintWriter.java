package io.kubeboot.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.Taints;
import io.kubeboot.controller.util.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Upstream {@code controller.AddOrUpdateTaintOnNode}, {@code RemoveTaintOffNode} and
 * {@code controllerutil.SwapNodeControllerTaint}: taint writes to a node through the apiserver, each a patch of
 * {@code spec.taints} guarded by the resourceVersion it was computed from, retried on conflict (5 tries, 100 ms
 * jittered backoff, upstream's {@code UpdateTaintBackoff}). Thread safe.
 */
class NodeTaintWriter {
    private static final Logger log = LoggerFactory.getLogger(NodeTaintWriter.class);
    private static final int STEPS = 5;
    private static final long BACKOFF_MILLIS = 100;

    private final KubernetesClient client;
    private final Clock clock;

    NodeTaintWriter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Adds the taints, or updates matching ones (same key and effect) that differ. */
    void addOrUpdate(String nodeName, List<Taint> taints) throws InterruptedException {
        if (taints.isEmpty()) {
            return;
        }
        retryOnConflict(() -> {
            Node node = get(nodeName);
            List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
            boolean updated = false;
            for (Taint t : taints) {
                Optional<List<Taint>> next = Taints.addOrUpdate(current, t);
                if (next.isPresent()) {
                    current = next.get();
                    updated = true;
                }
            }
            if (updated) {
                patchTaints(node, current);
            }
        });
    }

    /**
     * Removes the taints (any matching key and effect). When {@code cached} is given and has none of them, nothing
     * is sent (upstream's short cut).
     */
    void remove(String nodeName, Node cached, List<Taint> taints) throws InterruptedException {
        if (taints.isEmpty()) {
            return;
        }
        if (cached != null) {
            List<Taint> have = cached.getSpec() == null ? null : cached.getSpec().getTaints();
            if (taints.stream().noneMatch(t -> Taints.exists(have, t))) {
                return;
            }
        }
        retryOnConflict(() -> {
            Node node = get(nodeName);
            List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
            if (taints.stream().noneMatch(t -> Taints.exists(current, t))) {
                return;
            }
            List<Taint> next = current;
            for (Taint t : taints) {
                next = Taints.remove(next, t);
            }
            patchTaints(node, next);
        });
    }

    /**
     * Upstream {@code SwapNodeControllerTaint}: adds {@code toAdd} (stamped with timeAdded now), then removes
     * {@code toRemove}.
     *
     * @return whether both writes succeeded (failures are logged)
     */
    boolean swap(List<Taint> toAdd, List<Taint> toRemove, Node node) {
        String name = node.getMetadata().getName();
        String now = Times.format(clock.instant());
        List<Taint> stamped = new ArrayList<>();
        for (Taint t : toAdd) {
            Taint c = Taints.copy(t);
            c.setTimeAdded(now);
            stamped.add(c);
        }
        try {
            addOrUpdate(name, stamped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.error("unable to taint {} unresponsive Node \"{}\": {}", describe(stamped), name, ClientErrors.message(e));
            return false;
        }
        try {
            remove(name, node, toRemove);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.error("unable to remove {} unneeded taint from unresponsive Node \"{}\": {}", describe(toRemove), name, ClientErrors.message(e));
            return false;
        }
        return true;
    }

    private Node get(String name) {
        Node node = client.nodes().withName(name).get();
        if (node == null) {
            throw new KubernetesClientException("nodes \"" + name + "\" not found", 404, null);
        }
        return node;
    }

    private void patchTaints(Node node, List<Taint> taints) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("metadata").put("resourceVersion", node.getMetadata().getResourceVersion());
        ObjectNode spec = patch.putObject("spec");
        if (taints.isEmpty()) {
            spec.putNull("taints");
        } else {
            spec.set("taints", Json.MAPPER.valueToTree(taints));
        }
        client.nodes().withName(node.getMetadata().getName())
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString());
    }

    private interface Attempt {
        void run();
    }

    private static void retryOnConflict(Attempt attempt) throws InterruptedException {
        for (int i = 1; ; i++) {
            try {
                attempt.run();
                return;
            } catch (KubernetesClientException e) {
                if (!ClientErrors.isConflict(e) || i >= STEPS) {
                    throw e;
                }
            }
            Thread.sleep(BACKOFF_MILLIS + ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS));
        }
    }

    private static String describe(List<Taint> taints) {
        return taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList().toString();
    }
}
