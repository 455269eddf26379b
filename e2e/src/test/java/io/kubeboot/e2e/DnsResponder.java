package io.kubeboot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny DNS server for tests (UDP): every A question for any name in class IN is answered with one address; other
 * types (AAAA, ...) get an empty answer (NOERROR, no records), so a resolver falls back to the A record. It stands in
 * for the upstream resolver a pod with dnsPolicy Default would use, so that no query leaves this machine. Records the
 * names asked. Not a general DNS implementation: one question per message, no EDNS, no TCP.
 */
final class DnsResponder implements AutoCloseable {
    static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;
    private static final int TTL_SECONDS = 30;

    private final DatagramSocket socket;
    private final byte[] answerAddress;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Thread loop;

    private DnsResponder(DatagramSocket socket, Inet4Address answer) {
        this.socket = socket;
        this.answerAddress = answer.getAddress();
        this.loop = new Thread(this::serve, "dns-responder");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Binds {@code bind:port} (e.g. the docker0 address, 53) and answers every A question with {@code answer}. */
    static DnsResponder start(String bind, int port, String answer) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), port));
            return new DnsResponder(s, (Inet4Address) InetAddress.getByName(answer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test DNS responder on " + bind + ":" + port, e);
        }
    }

    /** The names asked so far, in order (any question type). */
    List<String> asked() {
        return List.copyOf(asked);
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
                Question q = parse(buf, in.getLength());
                if (q == null) {
                    continue;
                }
                asked.add(q.name());
                byte[] reply = reply(buf, q, answerAddress);
                socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // one bad packet; keep serving
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** The question of a standard query: its name, type, class and where it ends in the message. */
    record Question(String name, int type, int qclass, int end) {
    }

    /** The single question of a standard query (QR=0, opcode 0, QDCOUNT=1), or null for anything else. */
    static Question parse(byte[] msg, int length) {
        if (length < 12) {
            return null;
        }
        int flags = u16(msg, 2);
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xF;
        if (response || opcode != 0 || u16(msg, 4) != 1) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int i = 12;
        while (true) {
            if (i >= length) {
                return null;
            }
            int len = msg[i] & 0xFF;
            i++;
            if (len == 0) {
                break;
            }
            if (len > 63 || i + len > length) {
                return null; // compression pointers never appear in a question of a query
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(msg, i, len, java.nio.charset.StandardCharsets.US_ASCII));
            i += len;
        }
        if (i + 4 > length) {
            return null;
        }
        return new Question(name.toString(), u16(msg, i), u16(msg, i + 2), i + 4);
    }

    /**
     * The response to {@code query}: same ID and question, QR, AA and RA set, RD copied, RCODE 0, and one A record
     * (name as a pointer to the question) when the question is A/IN.
     */
    static byte[] reply(byte[] query, Question q, byte[] address) {
        boolean answer = q.type() == TYPE_A && q.qclass() == CLASS_IN;
        int size = q.end() + (answer ? 16 : 0);
        byte[] out = new byte[size];
        System.arraycopy(query, 0, out, 0, q.end());
        int rd = u16(query, 2) & 0x0100;
        put16(out, 2, 0x8000 | 0x0400 | rd | 0x0080);
        put16(out, 4, 1);
        put16(out, 6, answer ? 1 : 0);
        put16(out, 8, 0);
        put16(out, 10, 0);
        if (answer) {
            int i = q.end();
            put16(out, i, 0xC00C);
            put16(out, i + 2, TYPE_A);
            put16(out, i + 4, CLASS_IN);
            put16(out, i + 6, TTL_SECONDS >>> 16);
            put16(out, i + 8, TTL_SECONDS & 0xFFFF);
            put16(out, i + 10, 4);
            System.arraycopy(address, 0, out, i + 12, 4);
        }
        return out;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
