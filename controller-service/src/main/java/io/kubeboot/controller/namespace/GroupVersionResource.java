package io.kubeboot.controller.namespace;

import java.util.Set;

/** A namespaced resource type as discovery lists it: group ("" for core), version, plural name and verbs. */
record GroupVersionResource(String group, String version, String resource, Set<String> verbs) {

    boolean supports(String verb) {
        return verbs.contains(verb);
    }

    /** The collection path in {@code namespace}, e.g. {@code /apis/apps/v1/namespaces/ns/replicasets}. */
    String collectionPath(String namespace) {
        String root = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return root + "/namespaces/" + namespace + "/" + resource;
    }

    /** As Go prints {@code schema.GroupVersionResource}: {@code apps/v1, Resource=replicasets}. */
    @Override
    public String toString() {
        return group + "/" + version + ", Resource=" + resource;
    }
}
