package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;

import java.nio.charset.StandardCharsets;

/**
 * Upstream's {@code kubecontainer.HashContainer}: FNV-32a over the hash printer's rendering of the JSON of the
 * fields whose change requires a new container (since 1.31 only {@code image} and {@code name}). Reproduces
 * upstream's values exactly, so a container's {@link io.kubeboot.node.runtime.RuntimeLabels#CONTAINER_HASH}
 * label reads as the kubelet's would ({@code strconv.FormatUint(hash, 16)}).
 */
public final class ContainerHash {
    private ContainerHash() {
    }

    public static long hash(Container container) {
        String json = "{\"image\":" + goJsonString(container.getImage()) + ",\"name\":" + goJsonString(container.getName()) + "}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        // spew's %#v of a []byte: the type, then the decimal bytes in brackets separated by spaces
        StringBuilder printed = new StringBuilder("([]uint8)[");
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                printed.append(' ');
            }
            printed.append(bytes[i] & 0xff);
        }
        printed.append(']');
        return fnv32a(printed.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The label value: lower-case hex. */
    public static String label(Container container) {
        return Long.toHexString(hash(container));
    }

    static long fnv32a(byte[] data) {
        long h = 0x811c9dc5L;
        for (byte b : data) {
            h ^= (b & 0xff);
            h = (h * 0x01000193L) & 0xffffffffL;
        }
        return h;
    }

    /** A JSON string as Go's encoding/json writes it (HTML characters escaped). */
    static String goJsonString(String s) {
        if (s == null) {
            s = "";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
