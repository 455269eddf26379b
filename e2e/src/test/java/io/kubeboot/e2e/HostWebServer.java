package io.kubeboot.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on a host address (e.g. docker0's, port 80) serving one page for every path; it stands in for a web
 * site a pod would fetch, so nothing leaves the machine. Records the Host header of each request.
 */
final class HostWebServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> hosts = new CopyOnWriteArrayList<>();

    private HostWebServer(HttpServer server) {
        this.server = server;
    }

    static HostWebServer start(String address, int port, String page) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 16);
            HostWebServer web = new HostWebServer(s);
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            s.createContext("/", exchange -> {
                web.hosts.add(String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test web server on " + address + ":" + port, e);
        }
    }

    /** The Host headers of the requests so far. */
    List<String> hosts() {
        return List.copyOf(hosts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
