package io.kubeboot.apiserver.watch;

import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.WatchEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code {"type":"MODIFIED","object":{...}}\n}: the stored bytes are spliced in, never re-serialized.
 * The last encoded event is memoized per thread, so fanning one event out to many watchers encodes
 * it once (dispatch runs on one thread per cache).
 */
public final class JsonEventEncoder implements EventEncoder {
    private static final byte[][] PREFIX = {
            "{\"type\":\"ADDED\",\"object\":".getBytes(StandardCharsets.US_ASCII),
            "{\"type\":\"MODIFIED\",\"object\":".getBytes(StandardCharsets.US_ASCII),
            "{\"type\":\"DELETED\",\"object\":".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[] SUFFIX = "}\n".getBytes(StandardCharsets.US_ASCII);

    private record Memo(WatchEvent.Type type, CachedObject object, byte[] bytes) {
    }

    private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

    private final ResourceInfo info;

    public JsonEventEncoder(ResourceInfo info) {
        this.info = info;
    }

    @Override
    public byte[] event(WatchEvent.Type type, CachedObject object) {
        Memo m = LAST.get();
        if (m != null && m.type == type && m.object == object) {
            return m.bytes;
        }
        byte[] prefix = PREFIX[type.ordinal()];
        byte[] json = object.json();
        byte[] out = new byte[prefix.length + json.length + SUFFIX.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(json, 0, out, prefix.length, json.length);
        System.arraycopy(SUFFIX, 0, out, prefix.length + json.length, SUFFIX.length);
        LAST.set(new Memo(type, object, out));
        return out;
    }

    @Override
    public byte[] bookmark(long revision) {
        return ("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"" + info.kind() + "\",\"apiVersion\":\"" + info.apiVersion()
                + "\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"}}}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] error(byte[] statusJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(statusJson.length + 32);
        out.writeBytes("{\"type\":\"ERROR\",\"object\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(statusJson);
        out.writeBytes(SUFFIX);
        return out.toByteArray();
    }
}
