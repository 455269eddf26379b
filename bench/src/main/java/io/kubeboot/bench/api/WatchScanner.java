package io.kubeboot.bench.api;

import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.workload.PodFactory;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.function.LongPredicate;

/**
 * Reads one watch stream (newline-delimited JSON events) without parsing it: per event it finds the
 * {@value PodFactory#SENT_ANNOTATION} annotation near the start of the object, records receive time
 * minus that send time, and skips to the end of the line. 1,000 watchers at 200 events/s are some
 * 400 MB/s of JSON; parsing it would make the load generator, not the apiserver, the bottleneck.
 *
 * <p>One stream is served by one event-loop thread, so the state has a single writer; counters are
 * volatile for the coordinating thread.
 */
public final class WatchScanner {
    private static final byte[] MARKER = ("\"" + PodFactory.SENT_ANNOTATION + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private enum State { SEEK_MARKER, NUMBER, SKIP_LINE }

    private final LatencyRecorder delivery;
    private final LongPredicate measured;
    private State state = State.SEEK_MARKER;
    private int matched;
    private long sent;
    private volatile long events;
    private volatile long otherLines;
    private volatile int status;
    private volatile boolean ended;
    private volatile Throwable error;

    /** Events whose send time passes {@code measured} go into {@code delivery}; all events are counted. */
    public WatchScanner(LatencyRecorder delivery, LongPredicate measured) {
        this.delivery = delivery;
        this.measured = measured;
    }

    public void onStatus(int code) {
        status = code;
    }

    public void onChunk(ByteBuf buf) {
        long now = System.nanoTime();
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            switch (state) {
                case SKIP_LINE -> {
                    int nl = buf.indexOf(i, end, (byte) '\n');
                    if (nl < 0) {
                        i = end;
                    } else {
                        i = nl + 1;
                        state = State.SEEK_MARKER;
                        matched = 0;
                    }
                }
                case NUMBER -> {
                    byte b = buf.getByte(i++);
                    if (b >= '0' && b <= '9') {
                        sent = sent * 10 + (b - '0');
                    } else {
                        if (measured.test(sent)) {
                            delivery.success(now - sent);
                        }
                        events++;
                        state = b == '\n' ? State.SEEK_MARKER : State.SKIP_LINE;
                        matched = 0;
                    }
                }
                case SEEK_MARKER -> {
                    // forEachByte walks the buffer without the per-byte checks of getByte: this is where the
                    // load generator spent most of its time (some 300 bytes before the annotation per event)
                    int stop = buf.forEachByte(i, end - i, seeker);
                    if (stop < 0) {
                        i = end;
                    } else {
                        i = stop + 1;
                        if (buf.getByte(stop) == '\n') {
                            // a line without our annotation: BOOKMARK, ERROR, or a foreign object
                            otherLines++;
                        } else {
                            state = State.NUMBER;
                            sent = 0;
                        }
                        matched = 0;
                    }
                }
            }
        }
    }

    /** Matches {@link #MARKER} byte by byte, keeping the partial match in {@link #matched} across chunks; stops after the marker's last byte or at a newline. */
    private final ByteProcessor seeker = b -> {
        if (b == '\n') {
            return false;
        }
        if (b == MARKER[matched]) {
            return ++matched < MARKER.length;
        }
        matched = b == MARKER[0] ? 1 : 0;
        return true;
    };

    public void onEnd(Throwable e) {
        error = e;
        ended = true;
    }

    public long events() {
        return events;
    }

    public long otherLines() {
        return otherLines;
    }

    public int status() {
        return status;
    }

    /** Whether the stream ended (server closed it, or an error) before the bench closed it. */
    public boolean ended() {
        return ended;
    }

    public Throwable error() {
        return error;
    }
}
