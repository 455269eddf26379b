package io.kubeboot.node.server;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The stdin a WebSocket client sends, as a blocking stream for the runtime: {@link #offer} queues each message's
 * data, {@link #end} marks end of file (the v5 close signal or the connection closing). A thread interrupted while
 * reading sees end of file. One writer and one reader at a time; safe across the two threads.
 */
final class ChannelInputStream extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current;
    private int pos;
    private volatile boolean ended;

    void offer(byte[] data) {
        if (!ended && data.length > 0) {
            chunks.add(data);
        }
    }

    void end() {
        if (!ended) {
            ended = true;
            chunks.add(EOF);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (current == null || pos == current.length) {
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            pos = 0;
            if (current == EOF) {
                chunks.add(EOF); // later reads see end of file too
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
