package io.kubeboot.controller.namespace;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.util.ClientErrors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's {@code ServerPreferredNamespacedResources} filtered to deletable ones: every namespaced resource (no
 * subresources) of the preferred version of every group the apiserver serves, whose verbs include "delete".
 * Groups that fail are reported next to what was found, as upstream's {@code ErrGroupDiscoveryFailed}.
 */
final class ResourceDiscovery {
    private final KubernetesClient client;

    ResourceDiscovery(KubernetesClient client) {
        this.client = client;
    }

    /** The discovered resources and the groups whose discovery failed (group version -> error). */
    record Result(List<GroupVersionResource> resources, Map<String, String> failedGroups) {
        /** Upstream {@code ErrGroupDiscoveryFailed.Error()}. */
        String errorMessage() {
            List<String> parts = new ArrayList<>();
            failedGroups.forEach((gv, err) -> parts.add(gv + ": " + err));
            return "unable to retrieve the complete list of server APIs: " + String.join(", ", parts);
        }
    }

    Result deletableNamespacedResources() {
        List<String> groupVersions = new ArrayList<>();
        var core = client.getAPIVersions();
        if (core != null && core.getVersions() != null && !core.getVersions().isEmpty()) {
            groupVersions.add(core.getVersions().get(0));
        }
        var groups = client.getApiGroups();
        if (groups != null && groups.getGroups() != null) {
            for (APIGroup g : groups.getGroups()) {
                if (g.getPreferredVersion() != null && g.getPreferredVersion().getGroupVersion() != null) {
                    groupVersions.add(g.getPreferredVersion().getGroupVersion());
                } else if (g.getVersions() != null && !g.getVersions().isEmpty()) {
                    groupVersions.add(g.getVersions().get(0).getGroupVersion());
                }
            }
        }
        List<GroupVersionResource> out = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        for (String gv : groupVersions) {
            APIResourceList list;
            try {
                list = client.getApiResources(gv);
            } catch (RuntimeException e) {
                failed.put(gv, ClientErrors.message(e));
                continue;
            }
            if (list == null || list.getResources() == null) {
                continue;
            }
            int slash = gv.indexOf('/');
            String group = slash < 0 ? "" : gv.substring(0, slash);
            String version = slash < 0 ? gv : gv.substring(slash + 1);
            for (APIResource r : list.getResources()) {
                if (r.getName() == null || r.getName().contains("/") || !Boolean.TRUE.equals(r.getNamespaced())) {
                    continue;
                }
                List<String> verbs = r.getVerbs() == null ? List.of() : r.getVerbs();
                if (!verbs.contains("delete")) {
                    continue;
                }
                out.add(new GroupVersionResource(group, version, r.getName(), new LinkedHashSet<>(verbs)));
            }
        }
        return new Result(out, failed);
    }
}
