package io.kubeboot.bench.nodes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the startup phase knows about each pod, all as wall-clock epoch milliseconds of this machine (the
 * apiserver's clock is the same one): when the bench sent its create, its {@code creationTimestamp}, when a
 * watch first saw it with phase Running, and when a watch saw it DELETED. Startup latency is measured as
 * upstream does, from the first time a watch sees Running: from {@code creationTimestamp} (the scalability
 * density test) and from the client's send time (the node e2e density test). Thread safe: the creating
 * clients, the watch thread and the bench's main thread use it at once.
 */
public final class PodTimeline {
    /** Latencies of a set of pods; {@code notRunning} of them were never seen Running. */
    public record Startup(List<Long> fromCreation, List<Long> fromSend, int notRunning, long firstSend, long lastRunning) {
        /** Milliseconds from the first send to the last pod seen Running; -1 when some never ran. */
        public long batchMillis() {
            return notRunning > 0 || firstSend == Long.MAX_VALUE ? -1 : lastRunning - firstSend;
        }
    }

    private static final class Times {
        long sent = -1;
        long created = -1;
        long running = -1;
        long gone = -1;
    }

    private final Map<String, Times> pods = new HashMap<>();

    /** The bench is about to send the create of {@code name}. */
    public synchronized void sent(String name, long epochMillis) {
        times(name).sent = epochMillis;
    }

    /**
     * A watch event ({@code ADDED}, {@code MODIFIED}, {@code DELETED}) for pod {@code name}, received at
     * {@code epochMillis}. Only the first sighting of Running counts: a later event of a running pod (e.g. its
     * Ready condition) is not its start.
     */
    public synchronized void event(String type, String name, String creationTimestamp, String phase, long epochMillis) {
        Times t = times(name);
        if (t.created < 0 && creationTimestamp != null && !creationTimestamp.isEmpty()) {
            t.created = parseMillis(creationTimestamp);
        }
        if ("DELETED".equals(type)) {
            t.gone = epochMillis;
        } else if ("Running".equals(phase) && t.running < 0) {
            t.running = epochMillis;
        }
    }

    public synchronized int running(Collection<String> names) {
        return (int) names.stream().filter(n -> pods.containsKey(n) && pods.get(n).running >= 0).count();
    }

    public synchronized int gone(Collection<String> names) {
        return (int) names.stream().filter(n -> pods.containsKey(n) && pods.get(n).gone >= 0).count();
    }

    /** The latest DELETED receipt among {@code names}, or -1 when none is gone. */
    public synchronized long lastGone(Collection<String> names) {
        return names.stream().filter(pods::containsKey).mapToLong(n -> pods.get(n).gone).max().orElse(-1);
    }

    /** Latencies of the pods of {@code names} that were seen Running; a pod without a known start time is left out of that list. */
    public synchronized Startup startup(Collection<String> names) {
        List<Long> fromCreation = new ArrayList<>();
        List<Long> fromSend = new ArrayList<>();
        int notRunning = 0;
        long firstSend = Long.MAX_VALUE;
        long lastRunning = -1;
        for (String n : names) {
            Times t = pods.get(n);
            if (t != null && t.sent >= 0) {
                firstSend = Math.min(firstSend, t.sent);
            }
            if (t == null || t.running < 0) {
                notRunning++;
                continue;
            }
            lastRunning = Math.max(lastRunning, t.running);
            if (t.created >= 0) {
                fromCreation.add(t.running - t.created);
            }
            if (t.sent >= 0) {
                fromSend.add(t.running - t.sent);
            }
        }
        return new Startup(fromCreation, fromSend, notRunning, firstSend, lastRunning);
    }

    private Times times(String name) {
        return pods.computeIfAbsent(name, k -> new Times());
    }

    /** RFC 3339 ({@code 2026-11-27T12:00:05Z}; metav1.Time has whole seconds) to epoch milliseconds; -1 when unparseable. */
    static long parseMillis(String rfc3339) {
        try {
            return Instant.parse(rfc3339).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
