package io.kubeboot.runtime.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubeboot.api.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * client-go's {@code EventCorrelator}, in upstream's order: aggregate similar events (same source, object, type
 * and reason, differing messages: 10 distinct messages within 10 minutes become one "(combined from similar
 * events)" event), count identical events (same event key: the second occurrence becomes a patch of count,
 * lastTimestamp and message onto the first one's Event object), then drop spam (per source and object a token
 * bucket of 25 events refilled at one per 5 minutes). Thread safe.
 */
final class EventCorrelator {
    static final int MAX_LRU_CACHE_ENTRIES = 4096;
    static final int DEFAULT_AGGREGATE_MAX_EVENTS = 10;
    static final Duration DEFAULT_AGGREGATE_INTERVAL = Duration.ofSeconds(600);
    static final int DEFAULT_SPAM_BURST = 25;
    static final double DEFAULT_SPAM_QPS = 1.0 / 300.0;

    /** The event to write; with a non-null patch it updates the existing object named in the event. */
    record Result(Event event, String patch, boolean skip) {
        static final Result SKIP = new Result(null, null, true);
    }

    private record AggregateRecord(Set<String> localKeys, Instant lastTimestamp) {
    }

    private record EventLog(int count, String firstTimestamp, String name, String resourceVersion) {
    }

    private final Clock clock;
    private final int spamBurst;
    private final Map<String, AggregateRecord> aggregates = new LruCache<>(MAX_LRU_CACHE_ENTRIES);
    private final Map<String, EventLog> observed = new LruCache<>(MAX_LRU_CACHE_ENTRIES);
    private final Map<String, TokenBucket> spam = new LruCache<>(MAX_LRU_CACHE_ENTRIES);

    EventCorrelator(Clock clock) {
        this(clock, DEFAULT_SPAM_BURST);
    }

    EventCorrelator(Clock clock, int spamBurst) {
        this.clock = clock;
        this.spamBurst = spamBurst;
    }

    synchronized Result correlate(Event newEvent) {
        Aggregated aggregated = aggregate(newEvent);
        Observed obs = observe(aggregated.event, aggregated.key);
        if (isSpam(obs.event)) {
            return Result.SKIP;
        }
        return new Result(obs.event, obs.patch, false);
    }

    /** Records what the server returned (name, resourceVersion, count) for later increments. */
    synchronized void updateState(Event event) {
        observed.put(EventKeys.eventKey(event), logOf(event));
    }

    private record Aggregated(Event event, String key) {
    }

    private Aggregated aggregate(Event newEvent) {
        Instant now = clock.instant();
        String eventKey = EventKeys.eventKey(newEvent);
        String aggregateKey = EventKeys.aggregateKey(newEvent);
        AggregateRecord record = aggregates.get(aggregateKey);
        if (record == null || Duration.between(record.lastTimestamp, now).compareTo(DEFAULT_AGGREGATE_INTERVAL) > 0) {
            record = new AggregateRecord(new LinkedHashSet<>(), now);
        }
        record.localKeys.add(newEvent.getMessage() == null ? "" : newEvent.getMessage());
        record = new AggregateRecord(record.localKeys, now);
        aggregates.put(aggregateKey, record);
        if (record.localKeys.size() < DEFAULT_AGGREGATE_MAX_EVENTS) {
            return new Aggregated(newEvent, eventKey);
        }
        // do not grow the local key set beyond the max
        String any = record.localKeys.iterator().next();
        record.localKeys.remove(any);

        String ts = Timestamps.format(now);
        Event combined = new EventBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(newEvent.getInvolvedObject().getName() + "." + Long.toHexString(Timestamps.unixNano(now)))
                        .withNamespace(newEvent.getMetadata() == null ? null : newEvent.getMetadata().getNamespace())
                        .build())
                .withCount(1)
                .withFirstTimestamp(ts)
                .withInvolvedObject(newEvent.getInvolvedObject())
                .withLastTimestamp(ts)
                .withMessage(EventKeys.aggregateMessage(newEvent))
                .withType(newEvent.getType())
                .withReason(newEvent.getReason())
                .withSource(newEvent.getSource())
                .build();
        return new Aggregated(combined, aggregateKey);
    }

    private record Observed(Event event, String patch) {
    }

    private Observed observe(Event newEvent, String key) {
        Event event = new EventBuilder(newEvent).build();
        String patch = null;
        EventLog last = observed.get(key);
        if (last != null && last.count > 0) {
            // the existing object gets the new count, lastTimestamp and message
            event.getMetadata().setName(last.name);
            event.getMetadata().setResourceVersion(last.resourceVersion);
            event.setFirstTimestamp(last.firstTimestamp);
            event.setCount(last.count + 1);
            ObjectNode p = Json.MAPPER.createObjectNode();
            p.put("count", event.getCount());
            p.put("lastTimestamp", event.getLastTimestamp());
            p.put("message", event.getMessage());
            patch = p.toString();
        }
        observed.put(key, logOf(event));
        return new Observed(event, patch);
    }

    private boolean isSpam(Event event) {
        TokenBucket bucket = spam.computeIfAbsent(EventKeys.spamKey(event),
                k -> new TokenBucket(DEFAULT_SPAM_QPS, spamBurst, clock));
        return !bucket.tryAccept();
    }

    private static EventLog logOf(Event e) {
        return new EventLog(e.getCount() == null ? 0 : e.getCount(), e.getFirstTimestamp(),
                e.getMetadata() == null ? null : e.getMetadata().getName(),
                e.getMetadata() == null ? null : e.getMetadata().getResourceVersion());
    }
}
