package io.kubeboot.node.kubelet.prober;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-request HTTP/1.1 client of HTTP probes and hooks, built on a plain socket so that it can do what upstream's
 * probe transport does: HTTPS without certificate or host name verification, a caller-chosen {@code Host} header,
 * no keep-alive, one deadline for the whole exchange, at most 10 KiB of body. Transport failures are
 * {@link TransportException}s whose message is the error text Go's net/http would give (without the
 * {@code Get "<url>": } prefix, which the caller adds). Stateless; thread safe.
 */
final class ProbeHttpClient {
    static final int MAX_BODY = 10 * 1024;

    record Response(int status, Map<String, String> headers, String body) {
    }

    /** A failure before a response arrived (Go: the error of client.Do). */
    static final class TransportException extends Exception {
        TransportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SSLContext insecureTls;

    ProbeHttpClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TrustAll()}, null);
            this.insecureTls = context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS available", e);
        }
    }

    /**
     * One GET.
     *
     * @param requestTarget the path and query, e.g. {@code /healthz}
     * @param headers       request headers in order (name, value); Host, User-Agent and Accept may be among them
     * @param deadlineNanos {@link System#nanoTime()} by which the response must have been read
     */
    Response get(boolean https, String host, int port, String requestTarget, List<Map.Entry<String, String>> headers,
                 long deadlineNanos) throws TransportException {
        String addr = ProbeTargets.joinHostPort(host, port);
        Socket socket = new Socket();
        try {
            try {
                socket.connect(new InetSocketAddress(host, port), remainingMillis(deadlineNanos));
            } catch (SocketTimeoutException e) {
                throw new TransportException("dial tcp " + addr + ": i/o timeout (Client.Timeout exceeded while awaiting headers)", e);
            } catch (ConnectException e) {
                throw new TransportException("dial tcp " + addr + ": connect: connection refused", e);
            } catch (NoRouteToHostException e) {
                throw new TransportException("dial tcp " + addr + ": connect: no route to host", e);
            } catch (IOException e) {
                throw new TransportException("dial tcp " + addr + ": " + lower(e), e);
            }
            Socket stream = socket;
            if (https) {
                SSLSocket tls = (SSLSocket) insecureTls.getSocketFactory().createSocket(socket, host, port, true);
                tls.setSoTimeout(remainingMillis(deadlineNanos));
                tls.startHandshake();
                stream = tls;
            }
            stream.setSoTimeout(remainingMillis(deadlineNanos));
            writeRequest(stream.getOutputStream(), requestTarget, host, port, headers);
            return readResponse(stream.getInputStream(), deadlineNanos, stream);
        } catch (SocketTimeoutException e) {
            throw new TransportException("context deadline exceeded (Client.Timeout exceeded while awaiting headers)", e);
        } catch (IOException e) {
            throw new TransportException(lower(e), e);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    private static void writeRequest(OutputStream out, String target, String host, int port,
                                     List<Map.Entry<String, String>> headers) throws IOException {
        String hostHeader = ProbeTargets.joinHostPort(host, port);
        StringBuilder req = new StringBuilder();
        req.append("GET ").append(target.isEmpty() ? "/" : target.replace(" ", "%20")).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase("host")) {
                hostHeader = h.getValue();
            }
        }
        req.append("Host: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("connection")) {
                req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        req.append("Connection: close\r\n\r\n");
        out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Response readResponse(InputStream in, long deadlineNanos, Socket socket) throws IOException, TransportException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new TransportException("EOF", null);
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new NumberFormatException();
                }
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new TransportException("net/http: HTTP/1.x transport connection broken: malformed HTTP response \""
                        + statusLine + "\"", e);
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            if (status >= 100 && status < 200) {
                continue; // interim response
            }
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            return new Response(status, headers, readBody(in, headers));
        }
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (body.size() < MAX_BODY) {
                    String sizeLine = readLine(in);
                    if (sizeLine == null) {
                        break;
                    }
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    copy(in, body, size);
                    readLine(in);
                }
            } else if (headers.containsKey("content-length")) {
                copy(in, body, Long.parseLong(headers.get("content-length")));
            } else {
                copy(in, body, Long.MAX_VALUE);
            }
        } catch (NumberFormatException | IOException e) {
            // a broken body after a status line is not a transport failure for a probe: keep what was read
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
        byte[] buf = new byte[4096];
        long left = n;
        while (left > 0 && out.size() < MAX_BODY) {
            int want = (int) Math.min(Math.min(buf.length, left), MAX_BODY - out.size());
            int read = in.read(buf, 0, want);
            if (read < 0) {
                return;
            }
            out.write(buf, 0, read);
            left -= read;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("header line too long");
            }
            line.write(c);
        }
        if (c < 0 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String lower(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** Upstream probes use InsecureSkipVerify: any certificate is accepted. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
