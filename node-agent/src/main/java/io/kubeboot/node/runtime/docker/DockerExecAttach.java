package io.kubeboot.node.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Starts a created exec on the Docker Engine and hands back the hijacked connection ({@code POST
 * /exec/{id}/start} upgraded to a raw stream), the way the docker CLI does. docker-java's transport cannot be used
 * for this: it never half-closes the connection when stdin ends, so a command reading stdin ({@code cat}) would
 * never see end of file. Here {@link Connection#closeStdin()} shuts the write side down. Supports {@code unix://}
 * and plain {@code tcp://} engine addresses.
 */
final class DockerExecAttach {
    private DockerExecAttach() {
    }

    /** An attached exec: the engine's output (raw with a TTY, else multiplexed), and the command's stdin. */
    interface Connection extends Closeable {
        InputStream output();

        OutputStream input();

        /** Half-closes the connection: the command reads end of file; its output still arrives. */
        void closeStdin() throws IOException;
    }

    static Connection start(URI dockerHost, String execId, boolean tty) throws IOException {
        Connection c = connect(dockerHost);
        try {
            byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.US_ASCII);
            String head = "POST /exec/" + execId + "/start HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            c.input().write(head.getBytes(StandardCharsets.US_ASCII));
            c.input().write(body);
            c.input().flush();
            readResponseHead(c.output());
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Reads the status line and headers; 101 (upgraded) or 200 (older engines) start the stream. */
    private static void readResponseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the Docker Engine closed the connection before answering exec start");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String[] status = text.split("\r\n", 2)[0].split(" ", 3);
        int code = status.length > 1 ? Integer.parseInt(status[1]) : 0;
        if (code == 101 || code == 200) {
            return;
        }
        long length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes((int) Math.min(length, 64 * 1024));
        throw new IOException("exec start answered " + code + ": " + new String(body, StandardCharsets.UTF_8).trim());
    }

    private static Connection connect(URI host) throws IOException {
        String scheme = host.getScheme() == null ? "" : host.getScheme();
        switch (scheme) {
            case "unix" -> {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(host.getPath()));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                return new ChannelConnection(ch);
            }
            case "tcp" -> {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(host.getHost(), host.getPort()));
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
                return new SocketConnection(s);
            }
            default -> throw new IOException("streaming exec supports unix:// and tcp:// Docker hosts, not " + host);
        }
    }

    /**
     * A Unix socket channel with its own blocking streams: {@code Channels.newInputStream} would serialize a
     * blocked read with writes on the channel's lock, and stdin is written while output is read.
     */
    private static final class ChannelConnection implements Connection {
        private final SocketChannel ch;
        private final InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, len));
                return n == 0 ? read(b, off, len) : n;
            }
        };
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };

        ChannelConnection(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public InputStream output() {
            return in;
        }

        @Override
        public OutputStream input() {
            return out;
        }

        @Override
        public void closeStdin() throws IOException {
            ch.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private static final class SocketConnection implements Connection {
        private final Socket socket;

        SocketConnection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public InputStream output() {
            try {
                return socket.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public OutputStream input() {
            try {
                return socket.getOutputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void closeStdin() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
