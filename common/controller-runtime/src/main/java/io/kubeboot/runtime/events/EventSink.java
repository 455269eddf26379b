package io.kubeboot.runtime.events;

import io.fabric8.kubernetes.api.model.Event;

/** Where the recorder writes events: the apiserver, or a fake in tests. */
interface EventSink {
    /** POST the event into its namespace; returns the stored object. */
    Event create(Event event);

    /** Strategic-merge PATCH of the existing event named {@code event.metadata.name}; returns the stored object. */
    Event patch(Event event, String patch);
}
