package io.kubeboot.node.runtime.docker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Turns Docker log frames (one log line each) into what {@code kubectl logs} shows. Docker's {@code since} has
 * one-second precision, so when a since time is asked for, frames are fetched with timestamps and every line before
 * the exact instant is dropped; timestamps are stripped again unless asked for. Docker's timestamp format (RFC 3339
 * with nine fraction digits) is the kubelet's.
 */
final class LogLineFilter {
    private final Instant since;
    private final boolean keepTimestamps;

    LogLineFilter(Instant since, boolean keepTimestamps) {
        this.since = since;
        this.keepTimestamps = keepTimestamps;
    }

    /** Whether Docker must send timestamps for this filter to work. */
    boolean needsTimestamps() {
        return keepTimestamps || since != null;
    }

    /** The bytes to write for a frame, or null to skip it. */
    byte[] apply(byte[] frame) {
        if (frame == null || frame.length == 0) {
            return null;
        }
        if (!needsTimestamps()) {
            return frame;
        }
        int space = indexOf(frame, (byte) ' ');
        if (space <= 0) {
            return frame;
        }
        if (since != null) {
            Instant at = parse(new String(frame, 0, space, StandardCharsets.US_ASCII));
            if (at != null && at.isBefore(since)) {
                return null;
            }
        }
        return keepTimestamps ? frame : Arrays.copyOfRange(frame, space + 1, frame.length);
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int indexOf(byte[] data, byte value) {
        for (int i = 0; i < data.length && i < 64; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
