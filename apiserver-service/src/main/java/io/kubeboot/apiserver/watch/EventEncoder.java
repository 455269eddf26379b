package io.kubeboot.apiserver.watch;

import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.WatchEvent;

/**
 * Turns a watch event into the bytes of one line of the stream. Implementations may keep per-watch
 * state (a Table encoder sends column definitions only once); one instance per watch.
 */
public interface EventEncoder {

    byte[] event(WatchEvent.Type type, CachedObject object);

    byte[] bookmark(long revision);

    /** The ERROR event carrying a Status. */
    byte[] error(byte[] statusJson);
}
