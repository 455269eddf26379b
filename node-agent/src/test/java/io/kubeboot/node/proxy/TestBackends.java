package io.kubeboot.node.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Small servers playing pods for the proxy IT, one per local address, all on one port number: TCP answers
 * "&lt;its address&gt;\n" and then echoes what it reads until the client half-closes; UDP answers each datagram
 * with "&lt;its address&gt;:&lt;payload&gt;".
 */
public final class TestBackends implements AutoCloseable {
    private final int port;
    private final List<ServerSocket> tcp = new ArrayList<>();
    private final List<DatagramSocket> udp = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "px-it-backend");
        t.setDaemon(true);
        return t;
    });

    public TestBackends(List<String> addresses) throws IOException {
        this.port = bindAll(addresses);
        for (ServerSocket s : tcp) {
            pool.execute(() -> acceptLoop(s));
        }
        for (DatagramSocket s : udp) {
            pool.execute(() -> udpLoop(s));
        }
    }

    public int port() {
        return port;
    }

    private int bindAll(List<String> addresses) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 29000);
            try {
                for (String a : addresses) {
                    ServerSocket s = new ServerSocket();
                    tcp.add(s);
                    s.bind(new InetSocketAddress(a, candidate));
                    DatagramSocket d = new DatagramSocket(null);
                    udp.add(d);
                    d.bind(new InetSocketAddress(a, candidate));
                }
                return candidate;
            } catch (IOException inUse) {
                closeSockets();
            }
        }
        throw new IOException("no common free port on " + addresses);
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s, server.getInetAddress().getHostAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket s, String identity) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            out.write((identity + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static void udpLoop(DatagramSocket socket) {
        String identity = socket.getLocalAddress().getHostAddress();
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] reply = (identity + ":" + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One TCP exchange: the first line the backend sends (its identity). */
    public static String identity(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(2000);
            return readLine(s.getInputStream());
        }
    }

    /** Sends {@code payload}, half-closes, returns everything received until the server closes. */
    public static String echo(String host, int port, String payload) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One UDP exchange from a fresh client socket. */
    public static String udp(String host, int port, String payload) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(1000);
            byte[] data = payload.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(data, data.length, InetAddress.getByName(host), port));
            byte[] buf = new byte[2048];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            s.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    private void closeSockets() {
        for (ServerSocket s : tcp) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        udp.forEach(DatagramSocket::close);
        tcp.clear();
        udp.clear();
    }

    @Override
    public void close() {
        closeSockets();
        pool.shutdownNow();
    }
}
