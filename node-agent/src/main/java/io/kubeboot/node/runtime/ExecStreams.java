package io.kubeboot.node.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * What a streaming exec ({@code kubectl exec}) attaches to, as CRI's ExecRequest plus the streams the kubelet's
 * streaming server hands the runtime: the command, whether a TTY is allocated, and the caller's streams. A null
 * stream is not attached. With a TTY there is no separate stderr (the terminal merges it into stdout) and
 * {@code resize} delivers the terminal sizes the client reports. Immutable; the streams themselves are not.
 *
 * @param stdin  read until end of stream, which closes the command's stdin
 * @param stdout written and flushed as output arrives; not closed by the runtime
 * @param stderr likewise; ignored with a TTY
 * @param resize terminal sizes, or null (no TTY or no resizes)
 */
public record ExecStreams(List<String> command, boolean tty, InputStream stdin, OutputStream stdout,
                          OutputStream stderr, TerminalSizes resize) {
    public ExecStreams {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command is required");
        }
    }

    /** A terminal size in character cells. */
    public record TerminalSize(int width, int height) {
    }

    /** Upstream's TerminalSizeQueue: blocks for the next size; null once the client can send no more. */
    @FunctionalInterface
    public interface TerminalSizes {
        TerminalSize next() throws InterruptedException;
    }
}
