package io.kubeboot.runtime.controller;

/**
 * One reconcile loop's logic: drive the world towards the desired state of the object named by {@code key}.
 *
 * <p>Contract (as controller-runtime's {@code reconcile.Reconciler} over client-go's work queue):
 * <ul>
 *   <li>Called with one key at a time per key: the same key is never reconciled concurrently, different keys may
 *   be on different worker threads.</li>
 *   <li>Level triggered: read the current state (from informer caches) and act on it; the key says only
 *   <em>what</em> to look at, never what changed. The object may be gone (deleted) by the time it runs.</li>
 *   <li>Objects from an informer cache are shared: never mutate them. Copy first (e.g. with the fabric8
 *   builder: {@code new PodBuilder(cached).build()}) and send the copy.</li>
 *   <li>Throwing is a failure: the key is re-queued with the queue's rate limiter (exponential backoff).
 *   Returning {@link Result#done()} forgets the key's backoff.</li>
 * </ul>
 *
 * @param <K> the key type, e.g. {@link ObjectKey}
 */
@FunctionalInterface
public interface Reconciler<K> {
    Result reconcile(K key) throws Exception;
}
