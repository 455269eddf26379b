package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Handlers added before an informer starts share one fabric8 listener; later ones get their own. */
class HandlerFanoutTest {

    /** Records the events it gets as "name:event:object". */
    private record Recording(String name, List<String> events) implements ResourceEventHandler<ConfigMap> {
        @Override
        public void onAdd(ConfigMap obj) {
            events.add(name + ":add:" + obj.getMetadata().getName());
        }

        @Override
        public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            events.add(name + ":update:" + newObj.getMetadata().getName());
        }

        @Override
        public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            events.add(name + ":delete:" + obj.getMetadata().getName() + ":" + deletedFinalStateUnknown);
        }

        @Override
        public void onNothing() {
            events.add(name + ":nothing");
        }
    }

    private static ConfigMap cm(String name) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace("ns").withName(name).endMetadata().build();
    }

    @SuppressWarnings("unchecked")
    private static SharedIndexInformer<ConfigMap> informer(boolean running) {
        SharedIndexInformer<ConfigMap> informer = mock(SharedIndexInformer.class);
        when(informer.isRunning()).thenReturn(running);
        return informer;
    }

    @SuppressWarnings("unchecked")
    private static ResourceEventHandler<ConfigMap> theListener(SharedIndexInformer<ConfigMap> informer) {
        ArgumentCaptor<ResourceEventHandler<ConfigMap>> captor = ArgumentCaptor.forClass(ResourceEventHandler.class);
        verify(informer, times(1)).addEventHandler(captor.capture());
        return captor.getValue();
    }

    @Test
    void handlersAddedBeforeTheStartShareOneListenerAndGetEveryEventInOrder() {
        SharedIndexInformer<ConfigMap> informer = informer(false);
        List<String> events = new CopyOnWriteArrayList<>();
        HandlerFanout.add(informer, new Recording("a", events));
        HandlerFanout.add(informer, new Recording("b", events));

        ResourceEventHandler<ConfigMap> listener = theListener(informer);
        listener.onAdd(cm("x"));
        listener.onUpdate(cm("x"), cm("x"));
        listener.onDelete(cm("x"), true);
        listener.onNothing();

        assertThat(events).containsExactly("a:add:x", "b:add:x", "a:update:x", "b:update:x",
                "a:delete:x:true", "b:delete:x:true", "a:nothing", "b:nothing");
    }

    @Test
    void aRemovedHandlerGetsNoMoreEventsAndTheOthersStillDo() {
        SharedIndexInformer<ConfigMap> informer = informer(false);
        List<String> events = new CopyOnWriteArrayList<>();
        Runnable removeA = HandlerFanout.add(informer, new Recording("a", events));
        HandlerFanout.add(informer, new Recording("b", events));
        ResourceEventHandler<ConfigMap> listener = theListener(informer);

        removeA.run();
        listener.onAdd(cm("y"));

        assertThat(events).containsExactly("b:add:y");
    }

    @Test
    void aHandlerThatThrowsDoesNotKeepTheEventFromTheOthers() {
        SharedIndexInformer<ConfigMap> informer = informer(false);
        List<String> events = new CopyOnWriteArrayList<>();
        HandlerFanout.add(informer, new ResourceEventHandler<ConfigMap>() {
            @Override
            public void onAdd(ConfigMap obj) {
                throw new IllegalStateException("broken handler");
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            }
        });
        HandlerFanout.add(informer, new Recording("b", events));

        theListener(informer).onAdd(cm("z"));

        assertThat(events).containsExactly("b:add:z");
    }

    @Test
    void aHandlerAddedToARunningInformerGetsItsOwnListenerSoTheCacheIsReplayedToIt() {
        SharedIndexInformer<ConfigMap> informer = informer(true);
        Recording handler = new Recording("late", new CopyOnWriteArrayList<>());

        Runnable remove = HandlerFanout.add(informer, handler);
        verify(informer).addEventHandler(handler);
        verify(informer, never()).removeEventHandler(any());

        remove.run();
        verify(informer).removeEventHandler(handler);
    }

    @Test
    void informersDoNotShareListeners() {
        SharedIndexInformer<ConfigMap> first = informer(false);
        SharedIndexInformer<ConfigMap> second = informer(false);
        List<String> events = new CopyOnWriteArrayList<>();
        HandlerFanout.add(first, new Recording("a", events));
        HandlerFanout.add(second, new Recording("b", events));

        theListener(first).onAdd(cm("1"));
        theListener(second).onAdd(cm("2"));

        assertThat(events).containsExactly("a:add:1", "b:add:2");
    }
}
