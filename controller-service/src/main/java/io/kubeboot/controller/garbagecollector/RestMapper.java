package io.kubeboot.controller.garbagecollector;

import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The REST mapping the garbage collector needs (upstream's RESTMapper over discovery): apiVersion + kind -> resource
 * and scope, and which resources are monitored. KubeBoot serves a fixed set of built-in resources, so the mapping is
 * {@link BuiltinResources}.
 */
final class RestMapper {
    /** Upstream {@code DefaultIgnoredResources}: events are never owners worth tracking. */
    static final Set<String> IGNORED_RESOURCES = Set.of("/events", "events.k8s.io/events");

    private final List<ResourceInfo> resources;

    RestMapper(List<ResourceInfo> resources) {
        this.resources = List.copyOf(resources);
    }

    static RestMapper builtin() {
        return new RestMapper(BuiltinResources.get().all());
    }

    /** Thrown when an ownerReference names a kind/version no served resource has (upstream {@code restMappingError}). */
    static final class RestMappingException extends Exception {
        RestMappingException(String apiVersion, String kind) {
            super("unable to get REST mapping for " + apiVersion + "/" + kind + ".  If " + apiVersion + "/" + kind
                    + " is an invalid resource, then you should manually remove ownerReferences that refer "
                    + apiVersion + "/" + kind + " objects.");
        }
    }

    ResourceInfo map(String apiVersion, String kind) throws RestMappingException {
        String av = apiVersion == null ? "" : apiVersion;
        int slash = av.indexOf('/');
        String group = slash < 0 ? "" : av.substring(0, slash);
        String version = slash < 0 ? av : av.substring(slash + 1);
        for (ResourceInfo r : resources) {
            if (r.group().equals(group) && r.version().equals(version) && r.kind().equals(kind)) {
                return r;
            }
        }
        throw new RestMappingException(av, kind);
    }

    /**
     * Upstream {@code GetDeletableResources} minus the ignored ones: the resources supporting delete, list and watch,
     * each monitored by the graph builder.
     */
    List<ResourceInfo> monitoredResources() {
        List<ResourceInfo> out = new ArrayList<>();
        for (ResourceInfo r : resources) {
            if (r.verbs().containsAll(List.of("delete", "list", "watch"))
                    && !IGNORED_RESOURCES.contains(r.group() + "/" + r.resource())) {
                out.add(r);
            }
        }
        return out;
    }
}
