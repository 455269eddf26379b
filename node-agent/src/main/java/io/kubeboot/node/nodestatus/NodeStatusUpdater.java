package io.kubeboot.node.nodestatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.api.json.Json;
import io.kubeboot.node.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The kubelet's node status loop for one node (upstream's {@code syncNodeStatus}): registers the Node (retrying
 * with backoff from 100 ms to 7 s, as {@code registerWithAPIServer}), then every nodeStatusUpdateFrequency reads
 * the Node, recomputes its status and PATCHes the status subresource (a JSON merge patch) only when it changed or
 * nodeStatusReportFrequency has passed since the last write, as upstream's {@code tryUpdateNodeStatus}; up to 5
 * tries per round. Each read also learns the Node's {@code spec.podCIDR} ({@link #podCidr()}), as upstream's
 * {@code updatePodCIDR}. Once registered the Node is never re-created if someone deletes it (as upstream).
 *
 * <p>Scale: one instance per node over a shared client and a shared {@link ScheduledExecutorService} with few
 * threads; no thread per node. Registration starts at once; the periodic rounds start at a random offset within
 * the first period and are then jittered by 4% (upstream's {@code wait.JitterUntil} factor), so a thousand nodes
 * spread their writes over the period. Thread safe: rounds of one node never overlap (each schedules the next).
 */
public final class NodeStatusUpdater implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeStatusUpdater.class);
    static final int NODE_STATUS_UPDATE_RETRY = 5;
    static final Duration REGISTRATION_BACKOFF_START = Duration.ofMillis(100);
    static final Duration REGISTRATION_BACKOFF_MAX = Duration.ofSeconds(7);
    static final double JITTER = 0.04;

    private final KubernetesClient client;
    private final NodeStatusSettings settings;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final DoubleSupplier random;
    private final NodeStatusSetters setters;
    private final NodeRegistration registration;

    private volatile boolean registered;
    private volatile String podCidr;
    private volatile boolean stopped;
    private Duration registrationBackoff = REGISTRATION_BACKOFF_START;
    private Instant lastStatusReport;
    private boolean periodicStarted;
    private ScheduledFuture<?> next;

    public NodeStatusUpdater(KubernetesClient client, ContainerRuntime runtime, NodeStatusSettings settings, HostInfo host,
                             ScheduledExecutorService executor, NodeEventSink events) {
        this(client, runtime, settings, host, executor, events, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), () -> fileSystemSize(Path.of(settings.rootDir())));
    }

    NodeStatusUpdater(KubernetesClient client, ContainerRuntime runtime, NodeStatusSettings settings, HostInfo host,
                      ScheduledExecutorService executor, NodeEventSink events, Clock clock, DoubleSupplier random,
                      LongSupplier ephemeralStorageBytes) {
        this.client = client;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
        this.random = random;
        this.setters = new NodeStatusSetters(settings, host, runtime, ephemeralStorageBytes, events);
        this.registration = new NodeRegistration(client, settings, setters);
    }

    /** Starts registering at once, then the periodic status rounds. */
    public synchronized void start() {
        stopped = false;
        next = executor.schedule(this::round, 0, TimeUnit.MILLISECONDS);
    }

    /** Stops the rounds (a round under way finishes). */
    @Override
    public synchronized void close() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** The Node's {@code spec.podCIDR} as last read (within one status period of its assignment); empty before. */
    public Supplier<Optional<String>> podCidr() {
        return () -> Optional.ofNullable(podCidr);
    }

    public boolean registered() {
        return registered;
    }

    public String nodeName() {
        return settings.nodeName();
    }

    private void round() {
        Duration delay;
        try {
            delay = syncNodeStatus();
        } catch (RuntimeException e) {
            log.warn("node {}: status round failed", settings.nodeName(), e);
            delay = settings.updateFrequency();
        }
        synchronized (this) {
            if (!stopped) {
                next = executor.schedule(this::round, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** One round; returns how long until the next. */
    Duration syncNodeStatus() {
        if (!registered) {
            Optional<Node> node = registration.tryRegister(clock.instant());
            if (node.isEmpty()) {
                Duration wait = registrationBackoff;
                registrationBackoff = min(registrationBackoff.multipliedBy(2), REGISTRATION_BACKOFF_MAX);
                return wait;
            }
            learnPodCidr(node.get());
            registered = true;
        }
        updateNodeStatus();
        Duration period = settings.updateFrequency();
        if (!periodicStarted) {
            periodicStarted = true;
            return Duration.ofNanos((long) (period.toNanos() * random.getAsDouble()));
        }
        return Duration.ofNanos((long) (period.toNanos() * (1 + JITTER * random.getAsDouble())));
    }

    /** Upstream's {@code updateNodeStatus}: up to 5 tries of {@link #tryUpdateNodeStatus()}. */
    void updateNodeStatus() {
        for (int i = 0; i < NODE_STATUS_UPDATE_RETRY; i++) {
            try {
                tryUpdateNodeStatus();
                return;
            } catch (KubernetesClientException | IllegalStateException e) {
                log.warn("node {}: error updating node status, will retry: {}", settings.nodeName(), e.getMessage());
            }
        }
        log.error("node {}: update node status exceeds retry count", settings.nodeName());
    }

    private void tryUpdateNodeStatus() {
        Node original = client.nodes().withName(settings.nodeName()).get();
        if (original == null) {
            throw new IllegalStateException("error getting node \"" + settings.nodeName() + "\": nodes \""
                    + settings.nodeName() + "\" not found");
        }
        learnPodCidr(original);
        Node node = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(original), Node.class);
        Instant now = clock.instant();
        Map<String, String> missingLabels = missingOsArchLabels(original);
        setters.apply(node, now);
        boolean changed = !missingLabels.isEmpty() || NodeStatusComparison.changed(original.getStatus(), node.getStatus());
        boolean reportDue = lastStatusReport == null
                || Duration.between(lastStatusReport, now).compareTo(settings.reportFrequency()) >= 0;
        if (!changed && !reportDue) {
            return;
        }
        if (!missingLabels.isEmpty()) {
            client.nodes().withName(settings.nodeName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Json.string(Map.of("metadata", Map.of("labels", missingLabels))));
        }
        JsonNode before = Json.MAPPER.valueToTree(original.getStatus() == null ? Map.of() : original.getStatus());
        JsonNode after = Json.MAPPER.valueToTree(node.getStatus());
        ObjectNode patch = Json.object();
        patch.set("status", MergePatch.diff(before, after));
        client.nodes().withName(settings.nodeName()).status()
                .patch(PatchContext.of(PatchType.JSON_MERGE), Json.string(patch));
        lastStatusReport = now;
    }

    /** Upstream's updateNode: the OS and arch labels must be present and right. */
    static Map<String, String> missingOsArchLabels(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> fix = new LinkedHashMap<>();
        if (!"linux".equals(labels.get(NodeRegistration.LABEL_OS))) {
            fix.put(NodeRegistration.LABEL_OS, "linux");
        }
        if (!"amd64".equals(labels.get(NodeRegistration.LABEL_ARCH))) {
            fix.put(NodeRegistration.LABEL_ARCH, "amd64");
        }
        return fix;
    }

    private void learnPodCidr(Node node) {
        String cidr = node.getSpec() == null ? null : node.getSpec().getPodCIDR();
        if (cidr != null && !cidr.isEmpty() && !cidr.equals(podCidr)) {
            log.info("node {}: pod CIDR is {}", settings.nodeName(), cidr);
            podCidr = cidr;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Total size of the file system holding {@code dir} (or its nearest existing parent); 0 when unknown. */
    static long fileSystemSize(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return 0;
        }
        try {
            FileStore store = Files.getFileStore(p);
            return store.getTotalSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
