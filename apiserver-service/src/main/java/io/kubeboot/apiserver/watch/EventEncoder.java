package io.kubeboot.apiserver.watch;

import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.WatchEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Turns a watch event into the bytes of one line of the stream. Implementations may keep per-watch
 * state (a Table encoder sends column definitions only once); one instance per watch.
 */
public interface EventEncoder {

    byte[] event(WatchEvent.Type type, CachedObject object);

    /**
     * The same line as {@link #event} as a buffer for a Netty channel. The result may be shared by many
     * watches and threads: callers write {@link ByteBuf#duplicate() duplicates} of it and never change its
     * indices; releasing it (or a duplicate) is harmless and needless.
     */
    default ByteBuf eventBuffer(WatchEvent.Type type, CachedObject object) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(event(type, object)));
    }

    byte[] bookmark(long revision);

    /** The ERROR event carrying a Status. */
    byte[] error(byte[] statusJson);
}
