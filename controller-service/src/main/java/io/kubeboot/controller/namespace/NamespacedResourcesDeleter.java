package io.kubeboot.controller.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Upstream {@code namespacedResourcesDeleter}: empties a namespace that is being deleted, then removes the
 * {@value #FINALIZER_TOKEN} finalizer through {@code /finalize} so the apiserver can delete the namespace.
 *
 * <p>One pass ({@link #delete}): mark the namespace Terminating if needed; for every deletable namespaced resource
 * type from discovery, deletecollection (or list and delete each when unsupported) with propagation Background,
 * then list what remains; record the outcome as the namespace's deletion conditions. Remaining items with
 * finalizers (or pods still in their grace period) are "content remaining" with an estimate; remaining items
 * without either are an error. Only an empty namespace is finalized. Thread safe.
 */
final class NamespacedResourcesDeleter {
    static final String FINALIZER_TOKEN = "kubernetes";
    /** Upstream's estimate for items held by finalizers. */
    static final long FINALIZER_ESTIMATE_SECONDS = 15;
    private static final String BACKGROUND = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}";

    private static final Logger log = LoggerFactory.getLogger(NamespacedResourcesDeleter.class);

    private final KubernetesClient client;
    private final RawApi api;
    private final ResourceDiscovery discovery;
    private final Clock clock;
    /** Operations the server answered with 405/404 for a resource type: not tried again (upstream opCache). */
    private final Set<String> notSupported = ConcurrentHashMap.newKeySet();

    NamespacedResourcesDeleter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.api = new RawApi(client);
        this.discovery = new ResourceDiscovery(client);
        this.clock = clock;
    }

    /** Some content is still going away; look again in about {@code estimate} seconds. */
    static final class ResourcesRemainingException extends Exception {
        final long estimate;

        ResourcesRemainingException(long estimate) {
            super("some content remains in the namespace, estimate " + estimate + " seconds before it is removed");
            this.estimate = estimate;
        }
    }

    /**
     * One deletion pass over namespace {@code name}; returns normally when there is nothing (more) to do.
     *
     * @throws ResourcesRemainingException when content is still being removed
     * @throws Exception                   for failures (the caller retries with backoff)
     */
    void delete(String name) throws Exception {
        Namespace ns = client.namespaces().withName(name).get();
        if (ns == null || ns.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        try {
            ns = retryOnConflict(ns, this::ensureTerminating);
        } catch (KubernetesClientException e) {
            if (ClientErrors.isNotFound(e)) {
                return;
            }
            throw e;
        }
        if (ns.getMetadata().getDeletionTimestamp() == null || finalized(ns)) {
            return;
        }
        long estimate = deleteAllContent(ns);
        if (estimate > 0) {
            throw new ResourcesRemainingException(estimate);
        }
        try {
            retryOnConflict(ns, this::finalizeNamespace);
        } catch (KubernetesClientException e) {
            // another controller sharing the finalizer token may have finished first
            if (!ClientErrors.isNotFound(e)) {
                throw e;
            }
        }
    }

    static boolean finalized(Namespace ns) {
        return ns.getSpec() == null || ns.getSpec().getFinalizers() == null || ns.getSpec().getFinalizers().isEmpty();
    }

    private Namespace retryOnConflict(Namespace ns, UnaryOperator<Namespace> fn) {
        Namespace latest = ns;
        while (true) {
            try {
                return fn.apply(latest);
            } catch (KubernetesClientException e) {
                if (!ClientErrors.isConflict(e)) {
                    throw e;
                }
                Namespace prev = latest;
                latest = client.namespaces().withName(prev.getMetadata().getName()).get();
                if (latest == null) {
                    throw new KubernetesClientException("namespaces \"" + prev.getMetadata().getName() + "\" not found", 404, null);
                }
                if (!Objects.equals(prev.getMetadata().getUid(), latest.getMetadata().getUid())) {
                    throw new IllegalStateException("namespace uid has changed across retries");
                }
            }
        }
    }

    private Namespace ensureTerminating(Namespace ns) {
        if (ns.getMetadata().getDeletionTimestamp() == null
                || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase()))) {
            return ns;
        }
        Namespace copy = new NamespaceBuilder(ns).editOrNewStatus().withPhase("Terminating").endStatus().build();
        return client.namespaces().resource(copy).updateStatus();
    }

    /** Removes this controller's token; the other finalizers stay, sorted (upstream uses a string set). */
    private Namespace finalizeNamespace(Namespace ns) {
        Set<String> rest = new TreeSet<>(ns.getSpec().getFinalizers());
        rest.remove(FINALIZER_TOKEN);
        Namespace copy = new NamespaceBuilder(ns).editOrNewSpec().withFinalizers(new ArrayList<>(rest)).endSpec().withStatus(ns.getStatus()).build();
        JsonNode out = api.put("/api/v1/namespaces/" + ns.getMetadata().getName() + "/finalize", Json.MAPPER.valueToTree(copy).toString());
        try {
            return Json.MAPPER.treeToValue(out, Namespace.class);
        } catch (Exception e) {
            return copy;
        }
    }

    /** Upstream {@code deleteAllContent}: the largest estimate over all types; errors aggregated after trying all. */
    private long deleteAllContent(Namespace ns) throws Exception {
        String namespace = ns.getMetadata().getName();
        List<String> errors = new ArrayList<>();
        NamespaceConditions conditions = new NamespaceConditions(Times.format(clock.instant()));
        ResourceDiscovery.Result discovered;
        try {
            discovered = discovery.deletableNamespacedResources();
        } catch (RuntimeException e) {
            discovered = new ResourceDiscovery.Result(List.of(), Map.of("", ClientErrors.message(e)));
        }
        if (!discovered.failedGroups().isEmpty()) {
            // not fatal: delete what could be discovered, but do not finalize
            errors.add(discovered.errorMessage());
            conditions.discoveryFailed(discovered.failedGroups().size(), discovered.errorMessage());
        }
        long estimate = 0;
        Map<GroupVersionResource, Integer> remainingByResource = new LinkedHashMap<>();
        Map<String, Integer> remainingByFinalizer = new LinkedHashMap<>();
        List<String> contentErrors = new ArrayList<>();
        for (GroupVersionResource gvr : discovered.resources()) {
            try {
                Remaining r = deleteAllContentFor(gvr, namespace);
                estimate = Math.max(estimate, r.estimate());
                if (r.count() > 0) {
                    remainingByResource.put(gvr, r.count());
                    r.byFinalizer().forEach((f, n) -> remainingByFinalizer.merge(f, n, Integer::sum));
                }
            } catch (Exception e) {
                String msg = ClientErrors.message(e);
                contentErrors.add(msg);
                conditions.deleteContentFailed(msg);
            }
        }
        conditions.contentTotals(remainingByResource, remainingByFinalizer);
        List<NamespaceCondition> updated = conditions.update(ns.getStatus() == null ? null : ns.getStatus().getConditions());
        if (updated != null) {
            try {
                Namespace copy = new NamespaceBuilder(ns).editOrNewStatus().withConditions(updated).endStatus().build();
                client.namespaces().resource(copy).updateStatus();
            } catch (KubernetesClientException e) {
                log.warn("couldn't update status condition for namespace {}: {}", namespace, ClientErrors.message(e));
            }
        }
        errors.addAll(contentErrors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return estimate;
    }

    record Remaining(long estimate, int count, Map<String, Integer> byFinalizer) {
    }

    /** Upstream {@code deleteAllContentForGroupVersionResource}. */
    private Remaining deleteAllContentFor(GroupVersionResource gvr, String namespace) {
        long estimate = gvr.group().isEmpty() && gvr.resource().equals("pods") ? estimateForPods(namespace) : 0;
        if (!deleteCollection(gvr, namespace)) {
            deleteEachItem(gvr, namespace);
        }
        JsonNode list = listCollection(gvr, namespace);
        if (list == null || list.path("items").isEmpty()) {
            return new Remaining(0, 0, Map.of());
        }
        Map<String, Integer> byFinalizer = new LinkedHashMap<>();
        for (JsonNode item : list.path("items")) {
            for (JsonNode f : item.path("metadata").path("finalizers")) {
                byFinalizer.merge(f.asText(), 1, Integer::sum);
            }
        }
        int count = list.path("items").size();
        if (estimate != 0) {
            return new Remaining(estimate, count, byFinalizer);
        }
        if (!byFinalizer.isEmpty()) {
            return new Remaining(FINALIZER_ESTIMATE_SECONDS, count, byFinalizer);
        }
        throw new IllegalStateException("unexpected items still remain in namespace: " + namespace + " for gvr: " + gvr);
    }

    /** Upstream {@code estimateGracefulTerminationForPods}: the longest grace period of the non-terminal pods. */
    private long estimateForPods(String namespace) {
        long estimate = 0;
        JsonNode list = api.get("/api/v1/namespaces/" + namespace + "/pods");
        for (JsonNode pod : list.path("items")) {
            String phase = pod.path("status").path("phase").asText("");
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                continue;
            }
            JsonNode grace = pod.path("spec").path("terminationGracePeriodSeconds");
            if (grace.isNumber()) {
                estimate = Math.max(estimate, grace.asLong());
            }
        }
        return estimate;
    }

    private boolean deleteCollection(GroupVersionResource gvr, String namespace) {
        String key = "deletecollection " + gvr;
        if (!gvr.supports("deletecollection") || notSupported.contains(key)) {
            return false;
        }
        try {
            api.delete(gvr.collectionPath(namespace), BACKGROUND);
            return true;
        } catch (KubernetesClientException e) {
            if (ClientErrors.isMethodNotSupported(e) || ClientErrors.isNotFound(e)) {
                notSupported.add(key);
                return false;
            }
            throw e;
        }
    }

    private JsonNode listCollection(GroupVersionResource gvr, String namespace) {
        String key = "list " + gvr;
        if (!gvr.supports("list") || notSupported.contains(key)) {
            return null;
        }
        try {
            return api.get(gvr.collectionPath(namespace));
        } catch (KubernetesClientException e) {
            if (ClientErrors.isMethodNotSupported(e) || ClientErrors.isNotFound(e)) {
                notSupported.add(key);
                return null;
            }
            throw e;
        }
    }

    private void deleteEachItem(GroupVersionResource gvr, String namespace) {
        JsonNode list = listCollection(gvr, namespace);
        if (list == null) {
            return;
        }
        for (JsonNode item : list.path("items")) {
            String name = item.path("metadata").path("name").asText();
            try {
                api.delete(gvr.collectionPath(namespace) + "/" + name, BACKGROUND);
            } catch (KubernetesClientException e) {
                if (!ClientErrors.isNotFound(e) && !ClientErrors.isMethodNotSupported(e)) {
                    throw e;
                }
            }
        }
    }
}
