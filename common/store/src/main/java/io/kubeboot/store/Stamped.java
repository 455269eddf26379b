package io.kubeboot.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON document split where its resourceVersion value goes, so that the store can insert the
 * revision it allocates inside the atomic write without parsing JSON: the stored text is
 * {@code before + revision + after}.
 */
public record Stamped(byte[] before, byte[] after) {

    /**
     * Splits {@code json} at the one occurrence of {@code marker} (e.g. the serialized
     * {@code "resourceVersion":"<random token>"} value's token). The marker must be unguessable by
     * clients so that no user content can contain it.
     */
    public static Stamped split(byte[] json, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(json, m);
        if (at < 0) {
            throw new IllegalArgumentException("marker not found in document");
        }
        return new Stamped(Arrays.copyOfRange(json, 0, at), Arrays.copyOfRange(json, at + m.length, json.length));
    }

    /** The document as the store will hold it at {@code revision}. */
    public byte[] at(long revision) {
        byte[] r = Long.toString(revision).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[before.length + r.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(r, 0, out, before.length, r.length);
        System.arraycopy(after, 0, out, before.length + r.length, after.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
