package io.kubeboot.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;

/**
 * The correlation keys of client-go's events_cache.go: fields joined without a separator, as upstream.
 */
final class EventKeys {
    private EventKeys() {
    }

    /** Identical events: source, involved object (with field path), type, reason and message. */
    static String eventKey(Event e) {
        ObjectReference o = ref(e);
        EventSource s = source(e);
        return join(s.getComponent(), s.getHost(), o.getKind(), o.getNamespace(), o.getName(), o.getFieldPath(),
                o.getUid(), o.getApiVersion(), e.getType(), e.getReason(), e.getMessage());
    }

    /** Spam filtering is per source and involved object. */
    static String spamKey(Event e) {
        ObjectReference o = ref(e);
        EventSource s = source(e);
        return join(s.getComponent(), s.getHost(), o.getKind(), o.getNamespace(), o.getName(), o.getUid(), o.getApiVersion());
    }

    /** Similar events (EventAggregatorByReasonFunc): everything but the message, which is the local key. */
    static String aggregateKey(Event e) {
        ObjectReference o = ref(e);
        EventSource s = source(e);
        return join(s.getComponent(), s.getHost(), o.getKind(), o.getNamespace(), o.getName(), o.getUid(), o.getApiVersion(),
                e.getType(), e.getReason(), e.getReportingComponent(), e.getReportingInstance());
    }

    /** EventAggregatorByReasonMessageFunc. */
    static String aggregateMessage(Event e) {
        return "(combined from similar events): " + e.getMessage();
    }

    private static ObjectReference ref(Event e) {
        return e.getInvolvedObject() != null ? e.getInvolvedObject() : new ObjectReference();
    }

    private static EventSource source(Event e) {
        return e.getSource() != null ? e.getSource() : new EventSource();
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                b.append(p);
            }
        }
        return b.toString();
    }
}
