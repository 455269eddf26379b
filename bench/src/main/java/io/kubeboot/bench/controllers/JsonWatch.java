package io.kubeboot.bench.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeboot.bench.api.ApiClient;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A watch stream split into events (one JSON object per line), each parsed and handed to a
 * {@link Listener} with its receipt time. One watch is served by one event-loop thread, so the
 * listener has a single caller and needs no locking of its own state; it must not block. Public for the
 * node bench (io.kubeboot.bench.nodes), which follows pods and Leases the same way.
 */
public final class JsonWatch implements AutoCloseable {
    public interface Listener {
        void onEvent(String type, JsonNode object, long nanos);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Listener listener;
    private volatile int status;
    private volatile String failure;
    private byte[] line = new byte[16384];
    private int lineLength;
    private AutoCloseable stream;

    private JsonWatch(Listener listener) {
        this.listener = listener;
    }

    /** Watches {@code collectionPath} (no query) from {@code resourceVersion}. */
    public static JsonWatch open(ApiClient api, String collectionPath, String resourceVersion, Listener listener) {
        JsonWatch w = new JsonWatch(listener);
        String path = collectionPath + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=3600&resourceVersion=" + resourceVersion;
        w.stream = api.stream(path, code -> w.status = code, w::onChunk,
                e -> w.fail(e == null ? "watch ended by the server" : "watch failed: " + e));
        return w;
    }

    private void onChunk(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            int nl = buf.indexOf(i, end, (byte) '\n');
            int stop = nl < 0 ? end : nl;
            if (lineLength + stop - i > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + stop - i));
            }
            buf.getBytes(i, line, lineLength, stop - i);
            lineLength += stop - i;
            i = stop;
            if (nl >= 0) {
                onLine(System.nanoTime());
                lineLength = 0;
                i = nl + 1;
            }
        }
    }

    private void onLine(long nanos) {
        if (lineLength == 0) {
            return;
        }
        if (status != 0 && status != 200) {
            fail("watch answered HTTP " + status + ": " + new String(line, 0, Math.min(lineLength, 300), StandardCharsets.UTF_8));
            return;
        }
        JsonNode event;
        try {
            event = MAPPER.readTree(line, 0, lineLength);
        } catch (IOException e) {
            fail("unparseable watch event: " + e.getMessage());
            return;
        }
        String type = event.path("type").asText();
        if ("ERROR".equals(type)) {
            fail("watch error event: " + event.path("object"));
            return;
        }
        if (!"BOOKMARK".equals(type)) {
            listener.onEvent(type, event.path("object"), nanos);
        }
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Why the watch stopped delivering (server end, error, HTTP status), or null while it is healthy. */
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
