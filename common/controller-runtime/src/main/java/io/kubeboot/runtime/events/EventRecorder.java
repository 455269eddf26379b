package io.kubeboot.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * client-go's {@code record.EventRecorder} (with its broadcaster and sink) for core/v1 Events.
 *
 * <p>{@link #event} never blocks and never throws for API trouble: it builds the Event (name
 * {@code <object name>.<hex UnixNano>}, namespace of the object or "default", involvedObject reference with kind,
 * apiVersion, namespace, name, uid and resourceVersion; source and reportingComponent/reportingInstance from the
 * builder's component and host; count 1, firstTimestamp = lastTimestamp = now) and puts it on a bounded queue
 * (1000 by default). When the queue is full the event is dropped and counted ({@link #droppedEvents()}, metric
 * event_recorder_dropped_events_total{component}).
 *
 * <p>One background thread correlates and writes: identical events (same source, involved object, type, reason
 * and message) become a strategic-merge PATCH of count and lastTimestamp onto the first one's Event; similar
 * events and spam are handled as in client-go's EventCorrelator. Writes that fail for transport reasons are
 * retried (12 tries, 10s apart, the first sleep randomized); a rejection by the server is final.
 *
 * <p>Create one recorder per component and share it; {@link #close()} it on shutdown.
 */
public final class EventRecorder implements AutoCloseable {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_TRIES_PER_EVENT = 12;

    private final EventSource source;
    private final EventSink sink;
    private final EventCorrelator correlator;
    private final Clock clock;
    private final Duration retrySleep;
    private final BlockingQueue<Event> queue;
    private final AtomicLong dropped = new AtomicLong();
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** When the last drop was logged (0: never), and the drops since then. */
    private final AtomicLong lastDropLogNanos = new AtomicLong();
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private final Counter droppedCounter;
    private final Object pendingLock = new Object();
    private long pending;
    private volatile boolean closed;
    private final Thread sender;

    private EventRecorder(Builder b, EventSink sink) {
        this.source = new EventSource(b.component, b.host);
        this.sink = sink;
        this.clock = b.clock;
        this.correlator = new EventCorrelator(b.clock);
        this.retrySleep = b.retrySleep;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.droppedCounter = b.registry == null ? null : Counter.builder("event_recorder_dropped_events")
                .tag("component", b.component).description("Events dropped because the recorder's queue was full")
                .register(b.registry);
        this.sender = new Thread(this::run, "event-recorder-" + b.component);
        sender.setDaemon(true);
        sender.start();
    }

    /** @param client the client events are written with */
    public static Builder builder(KubernetesClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(() -> new Fabric8EventSink(client));
    }

    static Builder builder(EventSink sink) {
        return new Builder(() -> sink);
    }

    /** Records an event about {@code object}; {@code type} is {@link #NORMAL} or {@link #WARNING}. */
    public void event(HasMetadata object, String type, String reason, String message) {
        generate(referenceTo(object), null, type, reason, message);
    }

    /** As {@link #event}, the message made with {@link String#format} (Java format syntax, not Go's). */
    public void eventf(HasMetadata object, String type, String reason, String messageFmt, Object... args) {
        generate(referenceTo(object), null, type, reason, String.format(Locale.ROOT, messageFmt, args));
    }

    /** As {@link #eventf}, with annotations on the Event object. */
    public void annotatedEventf(HasMetadata object, Map<String, String> annotations, String type, String reason,
            String messageFmt, Object... args) {
        generate(referenceTo(object), annotations, type, reason, String.format(Locale.ROOT, messageFmt, args));
    }

    /** For an object known only by reference (e.g. the kubelet's node reference). */
    public void event(ObjectReference ref, String type, String reason, String message) {
        generate(new ObjectReferenceBuilder(ref).build(), null, type, reason, message);
    }

    /** Events dropped so far because the queue was full or the recorder was closed. */
    public long droppedEvents() {
        return dropped.get();
    }

    /**
     * Waits until every event recorded so far has been written (or given up on).
     *
     * @return false when the timeout passed first
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pendingLock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                pendingLock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Stops accepting events, writes what is queued (up to 10 seconds), then stops the sender thread. */
    @Override
    public void close() {
        closed = true;
        try {
            flush(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }

    static ObjectReference referenceTo(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        return new ObjectReferenceBuilder()
                .withKind(object.getKind())
                .withApiVersion(object.getApiVersion())
                .withNamespace(object.getMetadata().getNamespace())
                .withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid())
                .withResourceVersion(object.getMetadata().getResourceVersion())
                .build();
    }

    private void generate(ObjectReference ref, Map<String, String> annotations, String type, String reason, String message) {
        if (!NORMAL.equals(type) && !WARNING.equals(type)) {
            log.error("Unsupported event type: '{}'", type);
            return;
        }
        Event event = makeEvent(ref, annotations, type, reason, message);
        if (closed) {
            drop(event, "the recorder is closed");
            return;
        }
        synchronized (pendingLock) {
            if (!queue.offer(event)) {
                drop(event, "too many queued events");
                return;
            }
            pending++;
        }
    }

    private Event makeEvent(ObjectReference ref, Map<String, String> annotations, String type, String reason, String message) {
        Instant now = clock.instant();
        String ts = Timestamps.format(now);
        String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? "default" : ref.getNamespace();
        return new EventBuilder()
                .withNewMetadata()
                .withName(ref.getName() + "." + Long.toHexString(Timestamps.unixNano(now)))
                .withNamespace(namespace)
                .withAnnotations(annotations == null || annotations.isEmpty() ? null : Map.copyOf(annotations))
                .endMetadata()
                .withInvolvedObject(ref)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(ts)
                .withLastTimestamp(ts)
                .withCount(1)
                .withType(type)
                .withSource(new EventSource(source.getComponent(), source.getHost()))
                .withReportingComponent(source.getComponent() == null ? "" : source.getComponent())
                .withReportingInstance(source.getHost() == null ? "" : source.getHost())
                .build();
    }

    /**
     * Counts a dropped event and logs it; under a flood (thousands of drops while the apiserver is slow) one line per
     * {@link #DROP_LOG_INTERVAL_NANOS} says how many went since the last line, so the log stays readable. Thread safe.
     */
    private void drop(Event event, String why) {
        dropped.incrementAndGet();
        if (droppedCounter != null) {
            droppedCounter.increment();
        }
        long unlogged = droppedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropLogNanos.get();
        if (last != 0 && now - last < DROP_LOG_INTERVAL_NANOS || !lastDropLogNanos.compareAndSet(last, now)) {
            return;
        }
        long count = droppedSinceLog.getAndAdd(-unlogged);
        log.error("Unable to record event: {}, dropped event {} {} {}: {}{}", why,
                event.getInvolvedObject().getName(), event.getType(), event.getReason(), event.getMessage(),
                count > 1 ? " (" + count + " events dropped since the last such message)" : "");
    }

    private void run() {
        try {
            while (true) {
                Event event = queue.take();
                try {
                    log.debug("Event occurred: object={}/{} kind={} type={} reason={} message={}",
                            event.getInvolvedObject().getNamespace(), event.getInvolvedObject().getName(),
                            event.getInvolvedObject().getKind(), event.getType(), event.getReason(), event.getMessage());
                    recordToSink(event);
                } catch (RuntimeException e) {
                    log.error("Unable to write event {}", event.getMetadata().getName(), e);
                } finally {
                    synchronized (pendingLock) {
                        pending--;
                        pendingLock.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void recordToSink(Event event) throws InterruptedException {
        EventCorrelator.Result result = correlator.correlate(event);
        if (result.skip()) {
            return;
        }
        for (int tries = 1; ; tries++) {
            if (recordEvent(result.event(), result.patch())) {
                return;
            }
            if (tries >= MAX_TRIES_PER_EVENT) {
                log.error("Unable to write event '{}' (retry limit exceeded!)", event.getMetadata().getName());
                return;
            }
            // randomize the first sleep so that clients do not all retry in step after an apiserver outage
            long sleep = tries == 1 ? (long) (retrySleep.toMillis() * ThreadLocalRandom.current().nextDouble()) : retrySleep.toMillis();
            Thread.sleep(sleep);
        }
    }

    /** @return true when done with the event (written, or rejected for good) */
    private boolean recordEvent(Event event, String patch) {
        boolean update = patch != null && event.getCount() != null && event.getCount() > 1;
        Event stored = null;
        KubernetesClientException error = null;
        try {
            if (update) {
                stored = sink.patch(event, patch);
            }
        } catch (KubernetesClientException e) {
            error = e;
        }
        if (!update || (error != null && error.getCode() == 404)) {
            event.getMetadata().setResourceVersion(null);
            error = null;
            try {
                stored = sink.create(event);
            } catch (KubernetesClientException e) {
                error = e;
            }
        }
        if (error == null) {
            if (stored != null) {
                correlator.updateState(stored);
            }
            return true;
        }
        if (error.getCode() > 0) {
            if (error.getCode() == 409 || hasCause(error, "NamespaceTerminating")) {
                log.debug("Server rejected event '{}' (will not retry!): {}", event.getMetadata().getName(), error.getMessage());
            } else {
                log.error("Server rejected event '{}' (will not retry!): {}", event.getMetadata().getName(), error.getMessage());
            }
            return true;
        }
        log.error("Unable to write event '{}' (may retry after sleeping): {}", event.getMetadata().getName(), error.getMessage());
        return false;
    }

    private static boolean hasCause(KubernetesClientException e, String type) {
        if (e.getStatus() == null || e.getStatus().getDetails() == null || e.getStatus().getDetails().getCauses() == null) {
            return false;
        }
        for (StatusCause c : e.getStatus().getDetails().getCauses()) {
            if (type.equals(c.getReason())) {
                return true;
            }
        }
        return false;
    }

    /** Configuration of an {@link EventRecorder}. */
    public static final class Builder {
        private final java.util.function.Supplier<EventSink> sink;
        private String component;
        private String host;
        private MeterRegistry registry;
        private int queueCapacity = 1000;
        private Duration retrySleep = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder(java.util.function.Supplier<EventSink> sink) {
            this.sink = sink;
        }

        /** source.component and reportingComponent, e.g. "default-scheduler"; required. */
        public Builder component(String component) {
            this.component = component;
            return this;
        }

        /** source.host and reportingInstance, e.g. the node name for the node agent; optional. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Where the dropped-events counter goes; none when {@code null} (default). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Events waiting to be written before new ones are dropped; default 1000 (upstream's maxQueuedEvents). */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1");
            }
            this.queueCapacity = capacity;
            return this;
        }

        Builder retrySleep(Duration retrySleep) {
            this.retrySleep = retrySleep;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public EventRecorder build() {
            Objects.requireNonNull(component, "component");
            return new EventRecorder(this, sink.get());
        }
    }
}
