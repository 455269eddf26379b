package io.kubeboot.node.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The Kubernetes remote-command streaming protocol over WebSocket, as the kubelet serves it (upstream
 * apimachinery {@code wsstream/conn.go} and kubelet {@code cri/streaming/remotecommand/websocket.go}): every
 * message carries one channel's data, its first byte naming the channel (0 stdin, 1 stdout, 2 stderr, 3 error, 4
 * resize). The negotiated subprotocol decides the rest:
 * <ul>
 *   <li>{@code v5.channel.k8s.io}: binary; a client message {@code [255, ch]} closes channel {@code ch} (stdin
 *       end of file); the error channel carries a JSON Status, Success included.</li>
 *   <li>{@code v4.channel.k8s.io}: binary, JSON Status; {@code v4.base64.channel.k8s.io} the same in text
 *       messages, the channel as an ASCII digit and the data base64.</li>
 *   <li>{@code channel.k8s.io}, {@code base64.channel.k8s.io} and no subprotocol: the error channel carries only a
 *       failure's message as text.</li>
 * </ul>
 * Pure and immutable.
 */
public record RemoteCommandProtocol(String name) {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int ERROR = 3;
    public static final int RESIZE = 4;
    /** v5's close-stream signal: {@code [255, channel]}. */
    public static final int CLOSE = 255;

    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    public static final String V4_BASE64 = "v4.base64.channel.k8s.io";
    public static final String V1 = "channel.k8s.io";
    public static final String V1_BASE64 = "base64.channel.k8s.io";

    /** What the kubelet accepts, in the server's preference; the client's order picks among them. */
    public static final List<String> SUBPROTOCOLS = List.of(V5, V4, V4_BASE64, V1, V1_BASE64);

    /** The negotiated subprotocol; null or empty is the client that asked for none (binary, v1 rules). */
    public static RemoteCommandProtocol of(String negotiated) {
        return new RemoteCommandProtocol(negotiated == null ? "" : negotiated);
    }

    /** Data travels in text messages, base64 encoded. */
    public boolean base64() {
        return name.equals(V4_BASE64) || name.equals(V1_BASE64);
    }

    /** The client may half-close a channel ({@link #CLOSE}). */
    public boolean streamClose() {
        return name.equals(V5);
    }

    /** The error channel carries a JSON Status, Success included (v4 and later). */
    public boolean statusAsJson() {
        return name.equals(V5) || name.equals(V4) || name.equals(V4_BASE64);
    }

    /** A binary message: the channel byte, then the data. */
    public static byte[] binary(int channel, byte[] data, int off, int len) {
        byte[] frame = new byte[len + 1];
        frame[0] = (byte) channel;
        System.arraycopy(data, off, frame, 1, len);
        return frame;
    }

    /** A text message of the base64 protocols: the channel as a digit, then the data base64 encoded. */
    public static String text(int channel, byte[] data, int off, int len) {
        return (char) ('0' + channel) + Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, off, off + len));
    }

    /** A client message, decoded. */
    public sealed interface Inbound {
    }

    /** Data for a channel. */
    public record Data(int channel, byte[] data) implements Inbound {
    }

    /** The client closed its side of a channel (v5). */
    public record Close(int channel) implements Inbound {
    }

    /** Nothing to do: an empty message, or a message the protocol cannot carry (upstream logs and skips it). */
    public record Ignored(String why) implements Inbound {
    }

    /** A protocol violation after which upstream stops reading the connection. */
    public record Fatal(String why) implements Inbound {
    }

    /**
     * Decodes one client message as upstream's {@code Conn.handle}: empty messages are skipped; under v5 a message
     * starting with 255 must be exactly {@code [255, channel]} with a valid channel, else the connection is done;
     * a base64 protocol's channel is an ASCII digit and its data must decode.
     *
     * @param channels how many channels the connection has (5 for exec)
     */
    public Inbound decode(byte[] message, int channels) {
        if (message.length == 0) {
            return new Ignored("empty message");
        }
        if (streamClose() && (message[0] & 0xff) == CLOSE) {
            if (message.length != 2) {
                return new Fatal("Single channel byte should follow stream close signal. Got "
                        + (message.length - 1) + " bytes");
            }
            int channel = message[1] & 0xff;
            if (channel >= channels) {
                return new Fatal("Close is targeted for a channel " + channel + " that is not valid, possible protocol error");
            }
            return new Close(channel);
        }
        int channel = base64() ? (byte) (message[0] - '0') & 0xff : message[0] & 0xff;
        if (channel >= channels) {
            return new Ignored("Frame is targeted for a reader " + channel + " that is not valid, possible protocol error");
        }
        byte[] data = Arrays.copyOfRange(message, 1, message.length);
        if (base64()) {
            try {
                data = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                return new Ignored("Unable to write frame (" + (message.length - 1) + " bytes) to " + channel + ": " + e.getMessage());
            }
        }
        return new Data(channel, data);
    }

    /**
     * What the error channel carries at the end of an exec (upstream's ServeExec with v4WriteStatusFunc /
     * v1WriteStatusFunc): null when nothing is written (a success under pre-v4 protocols).
     *
     * @param exitCode the command's exit code, or null when the exec itself failed
     * @param failure  why the exec failed (exitCode null)
     */
    public byte[] status(List<String> command, Integer exitCode, String failure) {
        String message;
        String json;
        if (exitCode != null && exitCode == 0) {
            if (!statusAsJson()) {
                return null;
            }
            json = "{\"metadata\":{},\"status\":\"Success\"}";
            return json.getBytes(StandardCharsets.UTF_8);
        }
        if (exitCode != null) {
            // the CRI runtime's exit error (containerd's wording), wrapped by the kubelet
            message = "command terminated with non-zero exit code: error executing command " + goList(command)
                    + ", exit code " + exitCode;
            json = "{\"metadata\":{},\"status\":\"Failure\",\"message\":" + quote(message)
                    + ",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
                    + exitCode + "\"}]}}";
        } else {
            String cause = "error executing command in container: " + failure;
            message = "Internal error occurred: " + cause;
            json = "{\"metadata\":{},\"status\":\"Failure\",\"message\":" + quote(message)
                    + ",\"reason\":\"InternalError\",\"details\":{\"causes\":[{\"message\":" + quote(cause)
                    + "}]},\"code\":500}";
        }
        return (statusAsJson() ? json : message).getBytes(StandardCharsets.UTF_8);
    }

    /** Go's {@code %v} of a string slice: {@code [sh -c exit 3]}. */
    static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }

    /** A JSON string literal (Go's encoding/json escaping for the characters a message can hold). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
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
