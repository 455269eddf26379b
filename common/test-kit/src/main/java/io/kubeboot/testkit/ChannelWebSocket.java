package io.kubeboot.testkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A test client of Kubernetes' remote-command WebSocket protocols ({@code v5.channel.k8s.io} and older): opens
 * the socket with one subprotocol, sends the given binary messages (first byte the channel), and collects every
 * message until the server closes. Used against the apiserver's {@code pods/exec} and the kubelet's {@code /exec}.
 */
public final class ChannelWebSocket {
    private ChannelWebSocket() {
    }

    /** What one session received, the subprotocol the server chose and its close code. Immutable. */
    public record Session(List<byte[]> messages, String subprotocol, int closeCode) {
        public Session {
            messages = List.copyOf(messages);
        }

        /** The payloads of every message on channel {@code ch}, joined, as UTF-8. */
        public String channel(int ch) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] m : messages) {
                if (m.length > 0 && m[0] == ch) {
                    out.write(m, 1, m.length - 1);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Runs one session; waits at most {@code closeWait} for the server to close after the messages were sent. */
    public static Session exchange(URI uri, String subprotocol, List<byte[]> send, Duration closeWait) throws Exception {
        List<byte[]> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(subprotocol)
                .buildAsync(uri, new WebSocket.Listener() {
                    // a message may arrive in several frames
                    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        partial.writeBytes(b);
                        if (last) {
                            messages.add(partial.toByteArray());
                            partial.reset();
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        for (byte[] m : send) {
            ws.sendBinary(ByteBuffer.wrap(m), true).get(5, TimeUnit.SECONDS);
        }
        int code = closed.get(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        return new Session(messages, ws.getSubprotocol(), code);
    }
}
