package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Registers event handlers on shared informers so that all the handlers of one informer added before it starts
 * share one fabric8 listener, which calls them in turn.
 *
 * <p>Why: fabric8 gives every handler its own listener with its own serial executor on the client's thread
 * pool, so each event of an informer with N handlers is N task hand-offs, each waking a pool thread (the pod
 * informer of the controller manager has about ten handlers; thread hand-offs were the largest single cost of
 * the controller manager in the controller benchmark's profiles). Controller handlers only look at the object
 * and enqueue keys, never block, so one listener delivering to all of them gives each the same events in the
 * same order (client-go's listeners each have a goroutine, which costs next to nothing there).
 *
 * <p>A handler added to an informer that is already running gets a listener of its own, as fabric8 does it:
 * only then are the objects already in the cache replayed to it as additions. A handler that throws is logged,
 * and the others still get the event (a failing listener does not stop the others in fabric8 either).
 *
 * <p>Thread safe.
 */
public final class HandlerFanout {
    private static final Logger log = LoggerFactory.getLogger(HandlerFanout.class);
    /** Keyed by informer identity (informers do not override equals); dropped with the informer. */
    private static final Map<SharedIndexInformer<?>, Fanout<?>> FANOUTS = new WeakHashMap<>();

    private HandlerFanout() {
    }

    /** Adds {@code handler} to {@code informer}; run the returned action to remove it. */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> Runnable add(SharedIndexInformer<T> informer, ResourceEventHandler<? super T> handler) {
        synchronized (FANOUTS) {
            if (informer.isRunning()) {
                informer.addEventHandler(handler);
                return () -> informer.removeEventHandler(handler);
            }
            Fanout<T> fanout = (Fanout<T>) FANOUTS.get(informer);
            if (fanout == null) {
                fanout = new Fanout<>();
                informer.addEventHandler(fanout);
                FANOUTS.put(informer, fanout);
            }
            Fanout<T> f = fanout;
            f.handlers.add(handler);
            return () -> f.handlers.remove(handler);
        }
    }

    private static final class Fanout<T> implements ResourceEventHandler<T> {
        private final CopyOnWriteArrayList<ResourceEventHandler<? super T>> handlers = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(T obj) {
            each("add", h -> h.onAdd(obj));
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            each("update", h -> h.onUpdate(oldObj, newObj));
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            each("delete", h -> h.onDelete(obj, deletedFinalStateUnknown));
        }

        @Override
        public void onNothing() {
            each("nothing", ResourceEventHandler::onNothing);
        }

        private void each(String event, Consumer<ResourceEventHandler<? super T>> call) {
            for (ResourceEventHandler<? super T> h : handlers) {
                try {
                    call.accept(h);
                } catch (RuntimeException e) {
                    failed(h, event, e);
                }
            }
        }

        private static void failed(ResourceEventHandler<?> h, String event, RuntimeException e) {
            log.error("event handler {} failed on {}", h.getClass().getName(), event, e);
        }
    }
}
