package io.kubeboot.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The message codec of the test DNS responder (RFC 1035 section 4): which queries it answers, and how. */
class DnsResponderTest {
    private static final byte[] ADDRESS = {(byte) 172, 17, 0, 1};

    /** A query message: ID 0x1234, the given flags, one question per name (QDCOUNT = names). */
    private static byte[] query(int flags, int type, String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x12, 0x34, (byte) (flags >> 8), (byte) flags, 0, (byte) names.length, 0, 0, 0, 0, 0, 0});
        for (String name : names) {
            for (String label : name.split("\\.")) {
                out.write(label.length());
                out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
            out.write(0);
            out.writeBytes(new byte[]{0, (byte) type, 0, 1});
        }
        return out.toByteArray();
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                // name, message, expected question name (null: ignored), expected answer count
                Arguments.of("A query with recursion desired", query(0x0100, 1, "info.cern.ch"), "info.cern.ch", 1),
                Arguments.of("A query without RD", query(0x0000, 1, "example.org"), "example.org", 1),
                Arguments.of("AAAA query gets no records", query(0x0100, 28, "info.cern.ch"), "info.cern.ch", 0),
                Arguments.of("a response is not answered", query(0x8100, 1, "info.cern.ch"), null, 0),
                Arguments.of("an inverse query (opcode 1) is not answered", query(0x0900, 1, "info.cern.ch"), null, 0),
                Arguments.of("two questions are not answered", query(0x0100, 1, "a.b", "c.d"), null, 0),
                Arguments.of("a message shorter than a header", new byte[]{0x12, 0x34, 1}, null, 0),
                Arguments.of("a question cut short", Arrays.copyOf(query(0x0100, 1, "info.cern.ch"), 20), null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void answersStandardQueriesOnly(String name, byte[] message, String expectedName, int expectedAnswers) {
        DnsResponder.Question q = DnsResponder.parse(message, message.length);
        if (expectedName == null) {
            assertThat(q).isNull();
            return;
        }
        assertThat(q.name()).isEqualTo(expectedName);
        byte[] reply = DnsResponder.reply(message, q, ADDRESS);
        assertThat(Arrays.copyOf(reply, 2)).containsExactly(0x12, 0x34);
        int flags = ((reply[2] & 0xFF) << 8) | (reply[3] & 0xFF);
        assertThat(flags & 0x8000).as("QR").isNotZero();
        assertThat(flags & 0x0400).as("AA").isNotZero();
        assertThat(flags & 0x0100).as("RD copied").isEqualTo(((message[2] & 0xFF) << 8) & 0x0100);
        assertThat(flags & 0x000F).as("RCODE").isZero();
        assertThat(reply[7]).as("ANCOUNT").isEqualTo((byte) expectedAnswers);
        assertThat(Arrays.copyOfRange(reply, 12, q.end())).isEqualTo(Arrays.copyOfRange(message, 12, q.end()));
        if (expectedAnswers == 1) {
            int a = q.end();
            // pointer to the question name, type A, class IN, TTL 30, RDLENGTH 4, the address
            assertThat(Arrays.copyOfRange(reply, a, a + 16)).containsExactly(
                    0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 172, 17, 0, 1);
            assertThat(reply).hasSize(a + 16);
        } else {
            assertThat(reply).hasSize(q.end());
        }
    }
}
