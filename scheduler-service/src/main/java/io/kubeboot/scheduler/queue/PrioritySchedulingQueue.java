package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.AffinityTerm;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.PodInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * kube-scheduler's priority queue (upstream's {@code PriorityQueue} with queueing hints enabled, the 1.32
 * default), where each registered plugin's hint is "Queue" for the events it registered.
 *
 * <p>All state is guarded by one lock; {@link #pop()} waits on its condition. The nominator has its own
 * lock, always taken after this one.
 */
public final class PrioritySchedulingQueue implements SchedulingQueue {
    private static final Logger log = LoggerFactory.getLogger(PrioritySchedulingQueue.class);

    public static final Duration DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_BACKOFF_FLUSH_PERIOD = Duration.ofSeconds(1);
    public static final Duration DEFAULT_UNSCHEDULABLE_FLUSH_PERIOD = Duration.ofSeconds(30);
    /** The plugin whose rejections any pod event in the namespace may lift (upstream special-cases it too). */
    static final String POD_TOPOLOGY_SPREAD = "PodTopologySpread";

    static final String ACTIVE = "active";
    static final String BACKOFF = "backoff";
    static final String UNSCHEDULABLE = "unschedulable";
    static final String GATED = "gated";

    private final Clock clock;
    private final BackoffPolicy backoff;
    private final Duration podMaxInUnschedulablePodsDuration;
    private final RequeueDecider decider;
    private final PluginEventRegistry registry;
    private final Nominator nominator;
    private final QueueMetrics metrics;
    private final Function<String, Map<String, String>> namespaceLabels;
    private final Duration backoffFlushPeriod;
    private final Duration unschedulableFlushPeriod;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition activeNotEmpty = lock.newCondition();
    private final KeyedHeap<QueuedPodInfo> activeQ;
    private final KeyedHeap<QueuedPodInfo> backoffQ;
    private final Map<String, QueuedPodInfo> unschedulablePods = new HashMap<>();
    private final InFlightTracker inFlight = new InFlightTracker();
    private long schedulingCycle;
    private boolean closed;
    private ScheduledExecutorService flusher;

    private PrioritySchedulingQueue(Builder b) {
        this.clock = b.clock;
        this.backoff = new BackoffPolicy(b.podInitialBackoff, b.podMaxBackoff);
        this.podMaxInUnschedulablePodsDuration = b.podMaxInUnschedulablePodsDuration;
        this.registry = new PluginEventRegistry(b.pluginEvents);
        this.decider = new RequeueDecider(registry);
        this.nominator = b.nominator;
        this.metrics = b.metrics;
        this.namespaceLabels = b.namespaceLabels;
        this.backoffFlushPeriod = b.backoffFlushPeriod;
        this.unschedulableFlushPeriod = b.unschedulableFlushPeriod;
        this.activeQ = new KeyedHeap<>(QueuedPodInfo::key, b.order);
        this.backoffQ = new KeyedHeap<>(QueuedPodInfo::key, Comparator.comparing(backoff::expiry));
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- adding, updating, deleting

    @Override
    public void add(PodInfo pod) {
        lock.lock();
        try {
            QueuedPodInfo info = QueuedPodInfo.of(pod, clock.instant());
            if (moveToActiveQ(info, QueueEvents.UNSCHEDULED_POD_ADD)) {
                activeNotEmpty.signalAll();
            }
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void update(PodInfo oldPod, PodInfo newPod) {
        lock.lock();
        try {
            updateLocked(oldPod, newPod);
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    private void updateLocked(PodInfo oldPodInfo, PodInfo newPod) {
        Pod oldPod = oldPodInfo == null ? null : oldPodInfo.pod();
        List<ClusterEvent> events = PodChangeEvents.of(oldPod, newPod.pod());
        // the cycle will requeue the latest version; the update may make it schedulable if it fails
        if (inFlight.addEventsIfPodInFlight(newPod.uid(), events, oldPod, newPod.pod())) {
            return;
        }
        if (oldPodInfo != null) {
            QueuedPodInfo active = activeQ.get(oldPodInfo.key());
            if (active != null) {
                activeQ.addOrUpdate(active.withPodInfo(newPod));
                nominator.updateNominatedPod(oldPod, newPod);
                return;
            }
            QueuedPodInfo backingOff = backoffQ.get(oldPodInfo.key());
            if (backingOff != null) {
                backoffQ.addOrUpdate(backingOff.withPodInfo(newPod));
                nominator.updateNominatedPod(oldPod, newPod);
                return;
            }
        }
        QueuedPodInfo unschedulable = unschedulablePods.get(newPod.key());
        if (unschedulable != null) {
            QueuedPodInfo updated = unschedulable.withPodInfo(newPod);
            unschedulablePods.put(updated.key(), updated);
            nominator.updateNominatedPod(oldPod != null ? oldPod : unschedulable.pod(), newPod);
            for (ClusterEvent event : events) {
                QueueingStrategy strategy = decider.decide(updated, event, oldPod, newPod.pod());
                String queue = requeue(updated, strategy, QueueEvents.label(event));
                if (queue.equals(ACTIVE)) {
                    activeNotEmpty.signalAll();
                }
                if (!queue.equals(UNSCHEDULABLE)) {
                    break;
                }
            }
            return;
        }
        if (moveToActiveQ(QueuedPodInfo.of(newPod, clock.instant()), QueueEvents.UNSCHEDULED_POD_UPDATE)) {
            activeNotEmpty.signalAll();
        }
    }

    @Override
    public void delete(Pod pod) {
        lock.lock();
        try {
            nominator.deleteNominatedPodIfExists(pod);
            String key = PodInfo.key(pod);
            if (activeQ.delete(key) == null && backoffQ.delete(key) == null) {
                unschedulablePods.remove(key);
            }
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the scheduling cycle

    @Override
    public QueuedPodInfo pop() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                while (activeQ.isEmpty()) {
                    if (closed) {
                        return null;
                    }
                    activeNotEmpty.await();
                }
                QueuedPodInfo head = activeQ.poll();
                if (inFlight.isInFlight(head.uid())) {
                    // tracked twice would leak its in-flight events; the running cycle will requeue it
                    log.error("pod {} is already being scheduled; discarding its duplicate from the active queue", head.key());
                    continue;
                }
                // the rejector plugins describe the last attempt; the next one starts afresh
                QueuedPodInfo popped = head.withAttempts(head.attempts() + 1).withRejectorPlugins(Set.of(), Set.of());
                inFlight.popped(popped.pod());
                schedulingCycle++;
                reportPending();
                return popped;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void done(String podUid) {
        lock.lock();
        try {
            inFlight.done(podUid);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addUnschedulableIfNotPresent(QueuedPodInfo pod, long podSchedulingCycle) {
        lock.lock();
        try {
            String key = pod.key();
            String where = unschedulablePods.containsKey(key) ? "unschedulable queue"
                    : activeQ.has(key) ? "the active queue"
                    : backoffQ.has(key) ? "the backoff queue" : null;
            if (where != null) {
                throw new IllegalStateException("Pod " + key + " is already present in " + where);
            }
            QueuedPodInfo info = pod.withTimestamp(clock.instant());
            List<InFlightTracker.Event> events = inFlight.eventsSincePopped(info.uid());
            QueueingStrategy strategy = events == null
                    ? QueueingStrategy.AFTER_BACKOFF // not popped by us: retry rather than lose it
                    : decider.decideForInFlight(info, events);
            String queue = requeue(info, strategy, QueueEvents.SCHEDULE_ATTEMPT_FAILURE);
            log.debug("pod {} moved to the {} queue after a failed attempt in cycle {} (rejected by {})",
                    key, queue, podSchedulingCycle, info.rejectorPlugins());
            if (queue.equals(ACTIVE)) {
                activeNotEmpty.signalAll();
            }
        } finally {
            inFlight.done(pod.uid());
            reportPending();
            lock.unlock();
        }
    }

    @Override
    public long schedulingCycle() {
        lock.lock();
        try {
            return schedulingCycle;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public void activate(Collection<Pod> pods) {
        lock.lock();
        try {
            boolean activated = false;
            for (Pod pod : pods) {
                String key = PodInfo.key(pod);
                QueuedPodInfo info = unschedulablePods.get(key);
                if (info == null) {
                    info = backoffQ.get(key);
                }
                if (info != null) {
                    activated |= moveToActiveQ(info, QueueEvents.FORCE_ACTIVATE_LABEL);
                    continue;
                }
                // being scheduled: when it comes back it goes to the active or backoff queue, not the pool
                inFlight.addEventsIfPodInFlight(pod.getMetadata().getUid(), List.of(QueueEvents.FORCE_ACTIVATE), null, pod);
            }
            if (activated) {
                activeNotEmpty.signalAll();
            }
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void moveAllToActiveOrBackoffQueue(ClusterEvent event, Object oldObj, Object newObj) {
        moveAllToActiveOrBackoffQueue(event, oldObj, newObj, null);
    }

    @Override
    public void moveAllToActiveOrBackoffQueue(ClusterEvent event, Object oldObj, Object newObj, Predicate<Pod> preCheck) {
        lock.lock();
        try {
            moveAllLocked(event, oldObj, newObj, preCheck);
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    private void moveAllLocked(ClusterEvent event, Object oldObj, Object newObj, Predicate<Pod> preCheck) {
        if (!registry.anyInterested(event)) {
            return;
        }
        List<QueuedPodInfo> candidates = new ArrayList<>(unschedulablePods.size());
        for (QueuedPodInfo p : unschedulablePods.values()) {
            if (preCheck == null || preCheck.test(p.pod())) {
                candidates.add(p);
            }
        }
        movePods(candidates, event, QueueEvents.label(event), oldObj, newObj);
    }

    @Override
    public void assignedPodAdded(Pod pod) {
        lock.lock();
        try {
            movePods(podsWithCrossTopologyTerm(pod), QueueEvents.ASSIGNED_POD_ADD, QueueEvents.label(QueueEvents.ASSIGNED_POD_ADD), null, pod);
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void assignedPodUpdated(Pod oldPod, Pod newPod, ClusterEvent event) {
        lock.lock();
        try {
            if (ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_SCALE_DOWN).covers(event)) {
                // freed resources may help pods any plugin (NodeResourcesFit) rejected, not only cross-topology ones
                moveAllLocked(event, oldPod, newPod, null);
            } else {
                movePods(podsWithCrossTopologyTerm(newPod), event, QueueEvents.label(event), oldPod, newPod);
            }
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The unschedulable pods a bound pod may help: those whose required pod affinity selects it, and
     * those PodTopologySpread rejected in its namespace. Pod events cannot help pods rejected for
     * properties of a single node, so the others are not even considered.
     */
    private List<QueuedPodInfo> podsWithCrossTopologyTerm(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Map<String, String> nsLabels = null;
        List<QueuedPodInfo> out = new ArrayList<>();
        for (QueuedPodInfo p : unschedulablePods.values()) {
            if (p.unschedulablePlugins().contains(POD_TOPOLOGY_SPREAD) && Objects.equals(namespace, p.podInfo().namespace())) {
                out.add(p);
                continue;
            }
            for (AffinityTerm term : p.podInfo().requiredAffinityTerms()) {
                if (nsLabels == null && term.namespaceSelector() != null) {
                    nsLabels = namespaceLabels.apply(namespace);
                }
                if (term.matches(namespace, labels, nsLabels)) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Requeues those of {@code pods} the event may help and records it for the pods in flight (their
     * rejection may be outdated by it).
     */
    private void movePods(List<QueuedPodInfo> pods, ClusterEvent event, String label, Object oldObj, Object newObj) {
        if (!registry.anyInterested(event)) {
            return;
        }
        boolean activated = false;
        for (QueuedPodInfo p : pods) {
            QueueingStrategy strategy = decider.decide(p, event, oldObj, newObj);
            if (strategy == QueueingStrategy.SKIP) {
                continue;
            }
            unschedulablePods.remove(p.key());
            activated |= requeue(p, strategy, label).equals(ACTIVE);
        }
        inFlight.addEventIfAnyInFlight(event, oldObj, newObj);
        if (activated) {
            activeNotEmpty.signalAll();
        }
    }

    // ---------------------------------------------------------------- periodic flushes

    /** Moves the pods whose backoff has ended to the active queue ({@link #run()} does it every second). */
    public void flushBackoffQCompleted() {
        lock.lock();
        try {
            Instant now = clock.instant();
            boolean activated = false;
            for (QueuedPodInfo head = backoffQ.peek(); head != null && !backoff.isBackingOff(head, now); head = backoffQ.peek()) {
                backoffQ.poll();
                activated |= moveToActiveQ(head, QueueEvents.BACKOFF_COMPLETE);
            }
            if (activated) {
                activeNotEmpty.signalAll();
            }
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Retries the pods that have been unschedulable for longer than podMaxInUnschedulablePodsDuration
     * ({@link #run()} does it every 30 seconds).
     */
    public void flushUnschedulablePodsLeftover() {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<QueuedPodInfo> stale = new ArrayList<>();
            for (QueuedPodInfo p : unschedulablePods.values()) {
                if (Duration.between(p.timestamp(), now).compareTo(podMaxInUnschedulablePodsDuration) > 0) {
                    stale.add(p);
                }
            }
            if (!stale.isEmpty()) {
                movePods(stale, QueueEvents.UNSCHEDULABLE_TIMEOUT, QueueEvents.UNSCHEDULABLE_TIMEOUT_LABEL, null, null);
            }
            reportPending();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        lock.lock();
        try {
            if (flusher != null || closed) {
                return;
            }
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scheduling-queue-flush");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleAtFixedRate(guarded(this::flushBackoffQCompleted), backoffFlushPeriod.toNanos(),
                    backoffFlushPeriod.toNanos(), TimeUnit.NANOSECONDS);
            flusher.scheduleAtFixedRate(guarded(this::flushUnschedulablePodsLeftover), unschedulableFlushPeriod.toNanos(),
                    unschedulableFlushPeriod.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** A failing run must not cancel the periodic task. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("scheduling queue flush failed", e);
            }
        };
    }

    @Override
    public void close() {
        ScheduledExecutorService toStop;
        lock.lock();
        try {
            closed = true;
            toStop = flusher;
            flusher = null;
            activeNotEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        if (toStop != null) {
            toStop.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- nomination

    @Override
    public void addNominatedPod(PodInfo pod, String nodeName) {
        lock.lock();
        try {
            nominator.addNominatedPod(pod, nodeName);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteNominatedPodIfExists(Pod pod) {
        nominator.deleteNominatedPodIfExists(pod);
    }

    @Override
    public void updateNominatedPod(Pod oldPod, PodInfo newPod) {
        nominator.updateNominatedPod(oldPod, newPod);
    }

    /** The nominated pods of the node, each in the latest version the queue holds. */
    @Override
    public boolean hasNominatedPods() {
        return !nominator.isEmpty();
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        if (nominator.isEmpty()) {
            return List.of(); // the common case, without the queue's lock (asked per node per cycle)
        }
        lock.lock();
        try {
            List<PodInfo> nominated = nominator.nominatedPodsForNode(nodeName);
            List<PodInfo> out = new ArrayList<>(nominated.size());
            for (PodInfo p : nominated) {
                QueuedPodInfo queued = find(p.key());
                out.add(queued != null && Objects.equals(queued.uid(), p.uid()) ? queued.podInfo() : p);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- inspection

    @Override
    public PendingPods pendingPods() {
        lock.lock();
        try {
            List<Pod> pods = new ArrayList<>(activeQ.size() + backoffQ.size() + unschedulablePods.size());
            activeQ.list().forEach(p -> pods.add(p.pod()));
            backoffQ.list().forEach(p -> pods.add(p.pod()));
            unschedulablePods.values().forEach(p -> pods.add(p.pod()));
            return new PendingPods(pods, activeQ.size(), backoffQ.size(), unschedulablePods.size(), 0);
        } finally {
            lock.unlock();
        }
    }

    /** The queued pod with this namespace and name, from whichever queue holds it. */
    public Optional<QueuedPodInfo> getPod(String namespace, String name) {
        lock.lock();
        try {
            return Optional.ofNullable(find(namespace + "/" + name));
        } finally {
            lock.unlock();
        }
    }

    /** The active queue in pop order. */
    public List<QueuedPodInfo> activeQueue() {
        lock.lock();
        try {
            return activeQ.list();
        } finally {
            lock.unlock();
        }
    }

    /** The backoff queue in expiry order. */
    public List<QueuedPodInfo> backoffQueue() {
        lock.lock();
        try {
            return backoffQ.list();
        } finally {
            lock.unlock();
        }
    }

    public List<QueuedPodInfo> unschedulablePods() {
        lock.lock();
        try {
            return List.copyOf(unschedulablePods.values());
        } finally {
            lock.unlock();
        }
    }

    /** The pods popped and not yet returned or done. */
    public List<Pod> inFlightPods() {
        lock.lock();
        try {
            return inFlight.pods();
        } finally {
            lock.unlock();
        }
    }

    /** The events kept for in-flight pods, oldest first. */
    public List<ClusterEvent> inFlightEvents() {
        lock.lock();
        try {
            return inFlight.events().stream().map(InFlightTracker.Event::event).toList();
        } finally {
            lock.unlock();
        }
    }

    /** When the pod's backoff ends (for diagnostics and tests). */
    public Instant backoffExpiry(QueuedPodInfo pod) {
        return backoff.expiry(pod);
    }

    // ---------------------------------------------------------------- internals (lock held)

    private QueuedPodInfo find(String key) {
        QueuedPodInfo p = activeQ.get(key);
        if (p == null) {
            p = backoffQ.get(key);
        }
        if (p == null) {
            p = unschedulablePods.get(key);
        }
        return p;
    }

    /**
     * Puts the pod in the active queue, out of the others. New and updated pods found outside the queue
     * are nominated after their {@code status.nominatedNodeName}; pods moving between the queues keep the
     * nomination they have (the in-memory one may be newer than their status).
     */
    private boolean moveToActiveQ(QueuedPodInfo pod, String event) {
        QueuedPodInfo info = pod.initialAttemptTimestamp() == null ? pod.withInitialAttemptTimestamp(clock.instant()) : pod;
        unschedulablePods.remove(info.key());
        backoffQ.delete(info.key());
        activeQ.addOrUpdate(info);
        metrics.incomingPod(ACTIVE, event);
        if (event.equals(QueueEvents.UNSCHEDULED_POD_ADD) || event.equals(QueueEvents.UNSCHEDULED_POD_UPDATE)) {
            nominator.addNominatedPod(info.podInfo(), null);
        }
        return true;
    }

    private void moveToBackoffQ(QueuedPodInfo pod, String event) {
        unschedulablePods.remove(pod.key());
        backoffQ.addOrUpdate(pod);
        metrics.incomingPod(BACKOFF, event);
    }

    /** Sends the pod where the strategy says; returns the queue's name. */
    private String requeue(QueuedPodInfo pod, QueueingStrategy strategy, String event) {
        if (strategy == QueueingStrategy.SKIP) {
            unschedulablePods.put(pod.key(), pod);
            metrics.incomingPod(UNSCHEDULABLE, event);
            return UNSCHEDULABLE;
        }
        // the backoff may have ended while the pod sat in the unschedulable pool
        if (strategy == QueueingStrategy.AFTER_BACKOFF && backoff.isBackingOff(pod, clock.instant())) {
            moveToBackoffQ(pod, event);
            return BACKOFF;
        }
        moveToActiveQ(pod, event);
        return ACTIVE;
    }

    private void reportPending() {
        if (metrics == QueueMetrics.NOOP) {
            return;
        }
        metrics.pending(ACTIVE, activeQ.size());
        metrics.pending(BACKOFF, backoffQ.size());
        metrics.pending(UNSCHEDULABLE, unschedulablePods.size());
        metrics.pending(GATED, 0);
    }

    /** Options of a {@link PrioritySchedulingQueue}, with kube-scheduler's defaults. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration podInitialBackoff = BackoffPolicy.DEFAULT_INITIAL;
        private Duration podMaxBackoff = BackoffPolicy.DEFAULT_MAX;
        private Duration podMaxInUnschedulablePodsDuration = DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION;
        private Map<String, List<ClusterEvent>> pluginEvents = Map.of();
        private Comparator<QueuedPodInfo> order = QueueOrder.prioritySort();
        private Nominator nominator;
        private QueueMetrics metrics = QueueMetrics.NOOP;
        private Function<String, Map<String, String>> namespaceLabels = ns -> Map.of();
        private Duration backoffFlushPeriod = DEFAULT_BACKOFF_FLUSH_PERIOD;
        private Duration unschedulableFlushPeriod = DEFAULT_UNSCHEDULABLE_FLUSH_PERIOD;

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder podInitialBackoff(Duration d) {
            this.podInitialBackoff = Objects.requireNonNull(d);
            return this;
        }

        public Builder podMaxBackoff(Duration d) {
            this.podMaxBackoff = Objects.requireNonNull(d);
            return this;
        }

        public Builder podMaxInUnschedulablePodsDuration(Duration d) {
            this.podMaxInUnschedulablePodsDuration = Objects.requireNonNull(d);
            return this;
        }

        /** Plugin name to the events it registered (see {@link PluginEventRegistry#of}). */
        public Builder pluginEvents(Map<String, List<ClusterEvent>> pluginEvents) {
            this.pluginEvents = Objects.requireNonNull(pluginEvents);
            return this;
        }

        /** The QueueSort plugin's order; {@link QueueOrder#prioritySort()} by default. */
        public Builder order(Comparator<QueuedPodInfo> order) {
            this.order = Objects.requireNonNull(order);
            return this;
        }

        /** The nominator to use; by default a new one without pod lister. */
        public Builder nominator(Nominator nominator) {
            this.nominator = Objects.requireNonNull(nominator);
            return this;
        }

        public Builder metrics(QueueMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /** Namespace name to its labels, for affinity terms with a namespaceSelector. */
        public Builder namespaceLabels(Function<String, Map<String, String>> namespaceLabels) {
            this.namespaceLabels = Objects.requireNonNull(namespaceLabels);
            return this;
        }

        /** How often {@link #run()} flushes the backoff queue and the unschedulable leftovers (1s and 30s upstream). */
        public Builder flushPeriods(Duration backoffFlush, Duration unschedulableFlush) {
            if (backoffFlush.isNegative() || backoffFlush.isZero() || unschedulableFlush.isNegative() || unschedulableFlush.isZero()) {
                throw new IllegalArgumentException("flush periods must be positive");
            }
            this.backoffFlushPeriod = backoffFlush;
            this.unschedulableFlushPeriod = unschedulableFlush;
            return this;
        }

        public PrioritySchedulingQueue build() {
            if (nominator == null) {
                nominator = new Nominator();
            }
            return new PrioritySchedulingQueue(this);
        }
    }
}
