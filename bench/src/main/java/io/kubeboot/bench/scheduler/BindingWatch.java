package io.kubeboot.bench.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeboot.bench.api.ApiClient;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts pod bindings from a watch on one namespace: the first event of a pod whose {@code spec.nodeName}
 * is set is its binding, timestamped on receipt. Pods are told apart by name prefix: those starting with
 * {@code measuredPrefix} are the measured ones (their binding times are kept), the others are the
 * init pods.
 *
 * <p>Only lines containing {@code "nodeName":"} are parsed (about one per pod); the ADDED event of an
 * unbound pod is skipped by a byte search. One watch is served by one event-loop thread, so the line
 * buffer and the set of bound names have a single writer; the counters are atomics for the bench thread.
 */
public final class BindingWatch implements AutoCloseable {
    private static final byte[] NODE_NAME = "\"nodeName\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String measuredPrefix;
    private final Set<String> bound = new HashSet<>();
    private final AtomicLong initBound = new AtomicLong();
    private final AtomicLong measuredBound = new AtomicLong();
    private final long[] measuredTimes;
    private volatile long lastMeasuredNanos;
    private volatile long lastBindNanos;
    private volatile int status;
    private volatile String failure;
    private byte[] line = new byte[8192];
    private int lineLength;
    private AutoCloseable stream;

    /** {@code expectedMeasured} sizes the array of binding times; bindings beyond it are counted, not timed. */
    BindingWatch(String measuredPrefix, int expectedMeasured) {
        this.measuredPrefix = measuredPrefix;
        this.measuredTimes = new long[expectedMeasured];
    }

    /** Opens the watch on the pods of {@code namespace} from {@code resourceVersion}. */
    public static BindingWatch open(ApiClient api, String namespace, String resourceVersion, String measuredPrefix,
                                    int expectedMeasured) {
        BindingWatch w = new BindingWatch(measuredPrefix, expectedMeasured);
        String path = "/api/v1/namespaces/" + namespace + "/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=3600"
                + "&resourceVersion=" + resourceVersion;
        w.stream = api.stream(path, code -> w.status = code, w::onChunk,
                e -> w.fail(e == null ? "watch ended by the server" : "watch failed: " + e));
        return w;
    }

    void onChunk(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            int nl = buf.indexOf(i, end, (byte) '\n');
            int stop = nl < 0 ? end : nl;
            append(buf, i, stop - i);
            i = stop;
            if (nl >= 0) {
                onLine(line, lineLength, System.nanoTime());
                lineLength = 0;
                i = nl + 1;
            }
        }
    }

    private void append(ByteBuf buf, int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        buf.getBytes(from, line, lineLength, length);
        lineLength += length;
    }

    /** One watch event (a JSON object on one line) received at {@code nanos}. */
    void onLine(byte[] bytes, int length, long nanos) {
        if (status != 0 && status != 200) {
            fail("watch answered HTTP " + status + ": " + new String(bytes, 0, Math.min(length, 300), StandardCharsets.UTF_8));
            return;
        }
        if (indexOf(bytes, length, NODE_NAME) < 0) {
            if (indexOf(bytes, length, "\"type\":\"ERROR\"".getBytes(StandardCharsets.US_ASCII)) >= 0) {
                fail("watch error event: " + new String(bytes, 0, Math.min(length, 300), StandardCharsets.UTF_8));
            }
            return;
        }
        JsonNode event;
        try {
            event = MAPPER.readTree(bytes, 0, length);
        } catch (IOException e) {
            fail("unparseable watch event: " + e.getMessage());
            return;
        }
        String type = event.path("type").asText();
        String name = event.path("object").path("metadata").path("name").asText();
        String node = event.path("object").path("spec").path("nodeName").asText("");
        if (node.isEmpty() || !("ADDED".equals(type) || "MODIFIED".equals(type)) || !bound.add(name)) {
            return;
        }
        lastBindNanos = nanos;
        if (name.startsWith(measuredPrefix)) {
            long n = measuredBound.get();
            if (n < measuredTimes.length) {
                measuredTimes[(int) n] = nanos;
            }
            lastMeasuredNanos = nanos;
            measuredBound.incrementAndGet();
        } else {
            initBound.incrementAndGet();
        }
    }

    static int indexOf(byte[] bytes, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    public long initBound() {
        return initBound.get();
    }

    public long measuredBound() {
        return measuredBound.get();
    }

    /** {@link System#nanoTime()} of the last measured binding, 0 before the first. */
    public long lastMeasuredNanos() {
        return lastMeasuredNanos;
    }

    /** {@link System#nanoTime()} of the last binding of any pod, 0 before the first. */
    public long lastBindNanos() {
        return lastBindNanos;
    }

    /** The receipt times of the measured bindings in order (at most {@code expectedMeasured}); read after the waiting is over. */
    public long[] measuredTimes() {
        return Arrays.copyOf(measuredTimes, (int) Math.min(measuredBound.get(), measuredTimes.length));
    }

    /** Why the watch stopped counting (server end, error, HTTP status), or null while it is healthy. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() throws Exception {
        if (stream != null) {
            stream.close();
        }
    }
}
