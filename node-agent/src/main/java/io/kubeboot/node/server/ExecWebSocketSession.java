package io.kubeboot.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ExecStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One {@code kubectl exec} on the kubelet's side of the WebSocket (upstream's {@code createWebSocketStreams} and
 * {@code ServeExec}): announces the connection with an empty message on the lowest writable channel, feeds stdin
 * and resize messages to the runtime's exec, sends stdout/stderr as they come, then the exit status on the error
 * channel ({@link RemoteCommandProtocol#status}) and closes the connection normally. Stdin ends on the v5 close
 * signal for channel 0 or when the client closes the connection; the command keeps running until it exits.
 */
final class ExecWebSocketSession implements WebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(ExecWebSocketSession.class);
    private static final int CHANNELS = 5;

    private final ContainerRuntime runtime;
    private final String containerId;
    private final ExecQuery query;
    private final Scheduler execThreads;

    ExecWebSocketSession(ContainerRuntime runtime, String containerId, ExecQuery query, Scheduler execThreads) {
        this.runtime = runtime;
        this.containerId = containerId;
        this.query = query;
        this.execThreads = execThreads;
    }

    @Override
    public List<String> getSubProtocols() {
        return RemoteCommandProtocol.SUBPROTOCOLS;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        RemoteCommandProtocol protocol = RemoteCommandProtocol.of(session.getHandshakeInfo().getSubProtocol());
        Sinks.Many<WebSocketMessage> outbound = Sinks.many().unicast().onBackpressureBuffer();
        Writer writer = new Writer(session, protocol, outbound);
        ChannelInputStream stdin = query.stdin() ? new ChannelInputStream() : null;
        LinkedBlockingQueue<ExecStreams.TerminalSize> sizes = new LinkedBlockingQueue<>();
        ExecStreams.TerminalSize end = new ExecStreams.TerminalSize(-1, -1);

        writer.write(query.firstWritableChannel(), new byte[0], 0, 0);

        Mono<Void> inbound = session.receive()
                .doOnNext(message -> {
                    byte[] bytes = bytes(message);
                    RemoteCommandProtocol.Inbound in = protocol.decode(bytes, CHANNELS);
                    if (in instanceof RemoteCommandProtocol.Data d && d.channel() == RemoteCommandProtocol.STDIN) {
                        if (stdin != null) {
                            stdin.offer(d.data());
                        }
                    } else if (in instanceof RemoteCommandProtocol.Data d && d.channel() == RemoteCommandProtocol.RESIZE) {
                        ExecStreams.TerminalSize size = size(d.data());
                        if (size != null && query.tty()) {
                            sizes.add(size);
                        }
                    } else if (in instanceof RemoteCommandProtocol.Close c && c.channel() == RemoteCommandProtocol.STDIN) {
                        if (stdin != null) {
                            stdin.end();
                        }
                    } else if (in instanceof RemoteCommandProtocol.Fatal f) {
                        throw new IllegalStateException(f.why());
                    } else {
                        log.trace("exec {}: {}", containerId, in);
                    }
                })
                .onErrorResume(e -> {
                    log.debug("exec {}: stopped reading the client: {}", containerId, e.getMessage());
                    return Mono.empty();
                })
                .doFinally(sig -> {
                    if (stdin != null) {
                        stdin.end();
                    }
                    sizes.add(end);
                })
                .then();

        Mono<Void> run = Mono.<Void>fromRunnable(() -> {
                    Integer exitCode = null;
                    String failure = null;
                    ExecStreams streams = new ExecStreams(query.command(), query.tty(), stdin,
                            query.stdout() ? writer.stream(RemoteCommandProtocol.STDOUT) : null,
                            query.stderr() ? writer.stream(RemoteCommandProtocol.STDERR) : null,
                            query.tty() ? () -> {
                                ExecStreams.TerminalSize s = sizes.take();
                                if (s == end) {
                                    sizes.add(end);
                                    return null;
                                }
                                return s;
                            } : null);
                    try {
                        exitCode = runtime.execStreaming(containerId, streams);
                    } catch (RuntimeException e) {
                        failure = e.getMessage();
                        log.info("exec in {} failed: {}", containerId, failure);
                    }
                    byte[] status = protocol.status(query.command(), exitCode, failure);
                    if (status != null) {
                        writer.write(RemoteCommandProtocol.ERROR, status, 0, status.length);
                    }
                })
                .subscribeOn(execThreads)
                .doFinally(sig -> writer.complete());

        Mono<Void> send = session.send(outbound.asFlux())
                .onErrorResume(e -> Mono.empty())
                .then(Mono.defer(session::close));
        return Mono.when(inbound, run, send);
    }

    private static byte[] bytes(WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] b = new byte[payload.readableByteCount()];
        payload.read(b);
        return b;
    }

    /** Upstream's TerminalSize JSON ({@code {"Width":80,"Height":24}}, matched case-insensitively as Go does). */
    static ExecStreams.TerminalSize size(byte[] json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            Integer width = null;
            Integer height = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                switch (f.getKey().toLowerCase(Locale.ROOT)) {
                    case "width" -> width = f.getValue().asInt();
                    case "height" -> height = f.getValue().asInt();
                    default -> {
                    }
                }
            }
            return width == null || height == null ? null : new ExecStreams.TerminalSize(width, height);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Serializes frames from the exec thread (and the opening message) into the session's outbound flux. */
    private static final class Writer {
        private final WebSocketSession session;
        private final RemoteCommandProtocol protocol;
        private final Sinks.Many<WebSocketMessage> outbound;

        Writer(WebSocketSession session, RemoteCommandProtocol protocol, Sinks.Many<WebSocketMessage> outbound) {
            this.session = session;
            this.protocol = protocol;
            this.outbound = outbound;
        }

        synchronized void write(int channel, byte[] data, int off, int len) {
            WebSocketMessage m = protocol.base64()
                    ? session.textMessage(RemoteCommandProtocol.text(channel, data, off, len))
                    : session.binaryMessage(f -> f.wrap(RemoteCommandProtocol.binary(channel, data, off, len)));
            outbound.tryEmitNext(m);
        }

        synchronized void complete() {
            outbound.tryEmitComplete();
        }

        OutputStream stream(int channel) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (len > 0) {
                        Writer.this.write(channel, b, off, len);
                    }
                }
            };
        }
    }
}
