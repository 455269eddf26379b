package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Informer event handlers that only enqueue keys, as controllers must: handlers run on the informer's
 * dispatch thread, so they do no work and never modify the (shared, cached) objects they get.
 */
public final class InformerHandlers {
    private InformerHandlers() {
    }

    /**
     * Enqueues {@code keyFn(object)} on add, update (the new object) and delete (the last known state).
     * A {@code null} key is skipped.
     */
    public static <T extends HasMetadata, K> ResourceEventHandler<T> enqueueing(RateLimitingQueue<K> queue,
            Function<? super T, ? extends K> keyFn) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(keyFn, "keyFn");
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                enqueue(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                enqueue(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                enqueue(obj);
            }

            private void enqueue(T obj) {
                if (obj != null) {
                    K key = keyFn.apply(obj);
                    if (key != null) {
                        queue.add(key);
                    }
                }
            }
        };
    }

    /** Enqueues the object's own {@link ObjectKey}. */
    public static <T extends HasMetadata> ResourceEventHandler<T> enqueueingObjectKey(RateLimitingQueue<ObjectKey> queue) {
        return enqueueing(queue, ObjectKey::of);
    }

    /**
     * Enqueues the key of the object's controller owner when that owner is of {@code ownerKind} in the API group
     * of {@code ownerApiVersion} (version ignored, as controller-runtime's {@code EnqueueRequestForOwner} with
     * {@code OnlyControllerOwner}); e.g. pods to their ReplicaSet with ("apps/v1", "ReplicaSet"). On update
     * both the old and the new owner are enqueued when they differ (an adoption or release).
     */
    public static <T extends HasMetadata> ResourceEventHandler<T> enqueueingControllerOwner(
            RateLimitingQueue<ObjectKey> queue, String ownerApiVersion, String ownerKind) {
        Objects.requireNonNull(queue, "queue");
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                controllerOwnerKey(obj, ownerApiVersion, ownerKind).ifPresent(queue::add);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                Optional<ObjectKey> oldKey = oldObj == null ? Optional.empty() : controllerOwnerKey(oldObj, ownerApiVersion, ownerKind);
                Optional<ObjectKey> newKey = controllerOwnerKey(newObj, ownerApiVersion, ownerKind);
                newKey.ifPresent(queue::add);
                oldKey.filter(k -> !newKey.equals(Optional.of(k))).ifPresent(queue::add);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                if (obj != null) {
                    controllerOwnerKey(obj, ownerApiVersion, ownerKind).ifPresent(queue::add);
                }
            }
        };
    }

    /**
     * The key of {@code object}'s controller owner reference ({@code controller: true}) if that owner is of
     * {@code ownerKind} in {@code ownerApiVersion}'s group; owners live in the object's namespace.
     */
    public static Optional<ObjectKey> controllerOwnerKey(HasMetadata object, String ownerApiVersion, String ownerKind) {
        if (object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        String group = group(ownerApiVersion);
        for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController()) && ownerKind.equals(ref.getKind())
                    && group.equals(group(ref.getApiVersion()))) {
                return Optional.of(new ObjectKey(object.getMetadata().getNamespace(), ref.getName()));
            }
        }
        return Optional.empty();
    }

    private static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
