package io.kubeboot.bench.api;

import io.kubeboot.bench.core.LatencyRecorder;
import io.kubeboot.bench.workload.PodFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatchScannerTest {
    /** Two events of the bench (the annotation after a decoy that shares the marker's first bytes), a bookmark between them. */
    private static final byte[] STREAM = (
            "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"w-1\",\"labels\":{\"bench.kubeboot.io/run\":\"abc\"},"
                    + "\"annotations\":{\"" + PodFactory.SENT_ANNOTATION + "\":\"1234567\"}},\"spec\":{}}}\n"
                    + "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"9\"}}}\n"
                    + "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"annotations\":{\"" + PodFactory.SENT_ANNOTATION
                    + "\":\"89\"}}}}\n").getBytes(StandardCharsets.UTF_8);

    @Test
    void findsEverySendTimeWhereverTheChunksSplitTheStream() {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            Scan s = new Scan();
            s.feed(0, cut);
            s.feed(cut, STREAM.length);
            assertThat(s.sent).as("cut at %d", cut).containsExactly(1234567L, 89L);
            assertThat(s.scanner.events()).as("cut at %d", cut).isEqualTo(2);
            assertThat(s.scanner.otherLines()).as("cut at %d", cut).isEqualTo(1);
        }
    }

    @Test
    void findsEverySendTimeInOneByteChunks() {
        Scan s = new Scan();
        for (int i = 0; i < STREAM.length; i++) {
            s.feed(i, i + 1);
        }
        assertThat(s.sent).containsExactly(1234567L, 89L);
        assertThat(s.scanner.otherLines()).isEqualTo(1);
    }

    @Test
    void recordsOnlyTheEventsItIsToldToMeasure() {
        LatencyRecorder delivery = new LatencyRecorder();
        WatchScanner scanner = new WatchScanner(delivery, sent -> sent == 89L);
        ByteBuf buf = Unpooled.directBuffer().writeBytes(STREAM);
        scanner.onChunk(buf);
        buf.release();
        assertThat(scanner.events()).isEqualTo(2);
        assertThat(delivery.successes()).isEqualTo(1);
    }

    private static final class Scan {
        final List<Long> sent = new ArrayList<>();
        final WatchScanner scanner = new WatchScanner(new LatencyRecorder(), t -> sent.add(t));

        void feed(int from, int to) {
            ByteBuf buf = Unpooled.directBuffer(to - from + 1);
            buf.writeByte('x');
            buf.writeBytes(STREAM, from, to - from);
            buf.readerIndex(1); // the scanner must honour the reader index
            scanner.onChunk(buf);
            buf.release();
        }
    }
}
