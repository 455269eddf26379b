package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeboot.api.resource.ResourceInfo;

/**
 * Metadata-level apiserver calls for any resource (upstream's metadata client), as the garbage collector and the
 * TTL-after-finished controller make them. Failures are
 * {@link io.fabric8.kubernetes.client.KubernetesClientException}s carrying the HTTP code and the server's Status, so
 * {@link io.kubeboot.controller.util.ClientErrors} can classify them. {@code namespace} is "" for cluster-scoped
 * resources.
 */
public interface MetadataClient {
    String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    String MERGE_PATCH = "application/merge-patch+json";

    /** The object's metadata; NotFound (404) when it does not exist. */
    ObjectMeta get(ResourceInfo resource, String namespace, String name);

    /** Deletes with {@code preconditions.uid} and {@code propagationPolicy} (Background, Foreground or Orphan). */
    void delete(ResourceInfo resource, String namespace, String name, String preconditionUid, String propagationPolicy);

    /** Patches with the given patch media type; returns the patched object's metadata. */
    ObjectMeta patch(ResourceInfo resource, String namespace, String name, String patchType, String body);
}
