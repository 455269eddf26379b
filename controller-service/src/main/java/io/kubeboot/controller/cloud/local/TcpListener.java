package io.kubeboot.controller.cloud.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One load balancer port: a TCP listener on a loopback address that forwards every connection to the backend the
 * supplier names (a node's nodePort on loopback), copying bytes both ways until either side closes. Backends that
 * are not loopback addresses are refused. Closing stops accepting and closes the connections in flight.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket server;
    private final int nodePort;
    private final Supplier<Optional<InetSocketAddress>> backend;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TcpListener(ServerSocket server, int nodePort, Supplier<Optional<InetSocketAddress>> backend, ExecutorService pool) {
        this.server = server;
        this.nodePort = nodePort;
        this.backend = backend;
        this.pool = pool;
    }

    /**
     * Binds {@code address:port} and starts accepting.
     *
     * @throws IOException when the address cannot be bound (e.g. in use)
     */
    static TcpListener open(String address, int port, int nodePort, Supplier<Optional<InetSocketAddress>> backend,
                            ExecutorService pool) throws IOException {
        InetAddress bind = InetAddress.getByName(address);
        if (!bind.isLoopbackAddress()) {
            throw new IOException("refusing to listen on non-loopback address " + address);
        }
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, port), 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        TcpListener l = new TcpListener(server, nodePort, backend, pool);
        Thread t = new Thread(l::acceptLoop, "local-lb-" + address + ":" + port);
        t.setDaemon(true);
        t.start();
        return l;
    }

    int nodePort() {
        return nodePort;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("load balancer listener {} stopped accepting: {}", server.getLocalSocketAddress(), e.toString());
                }
                return;
            }
            open.add(client);
            try {
                pool.execute(() -> forward(client));
            } catch (RuntimeException e) {
                closeQuietly(client);
            }
        }
    }

    private void forward(Socket client) {
        Optional<InetSocketAddress> target = backend.get();
        if (target.isEmpty() || !target.get().getAddress().isLoopbackAddress()) {
            closeQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            upstream.connect(target.get(), CONNECT_TIMEOUT_MILLIS);
            pool.execute(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException | RuntimeException e) {
            log.debug("forwarding from {} to {} failed: {}", server.getLocalSocketAddress(), target.get(), e.toString());
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Copies until end of stream, then half-closes the other side; closes both on errors. */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            if (!to.isClosed()) {
                to.shutdownOutput();
            }
            if (from.isOutputShutdown() || to.isInputShutdown()) {
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing after an error: nothing more to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
