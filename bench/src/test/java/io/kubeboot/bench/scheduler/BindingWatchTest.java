package io.kubeboot.bench.scheduler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BindingWatchTest {
    private static String event(String type, String name, String nodeName) {
        return "{\"type\":\"" + type + "\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"ns\"},\"spec\":{\"containers\":[{\"name\":\"pause\"}]"
                + (nodeName == null ? "" : ",\"nodeName\":\"" + nodeName + "\"") + "},\"status\":{}}}\n";
    }

    private static void feed(BindingWatch w, String s, int chunk) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += chunk) {
            ByteBuf buf = Unpooled.wrappedBuffer(b, i, Math.min(chunk, b.length - i));
            w.onChunk(buf);
        }
    }

    @Test
    void countsEachPodsFirstBindingOnceAcrossChunkBoundaries() {
        BindingWatch w = new BindingWatch("m-", 10);
        String stream = event("ADDED", "i-0", null) + event("MODIFIED", "i-0", "node-1")
                + event("ADDED", "m-0", null) + event("MODIFIED", "m-0", "node-2")
                + event("MODIFIED", "m-0", "node-2")          // a later status update: not a second binding
                + event("ADDED", "m-1", "node-3")             // bound before the watch saw it unbound
                + event("DELETED", "m-2", "node-3")           // a deletion is no binding
                + "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"9\"}}}\n";
        feed(w, stream, 7);
        assertThat(w.initBound()).isEqualTo(1);
        assertThat(w.measuredBound()).isEqualTo(2);
        assertThat(w.measuredTimes()).hasSize(2);
        assertThat(w.lastMeasuredNanos()).isPositive();
        assertThat(w.failure()).isNull();
    }

    @Test
    void errorEventFailsTheWatch() {
        BindingWatch w = new BindingWatch("m-", 1);
        feed(w, "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}}\n", 1000);
        assertThat(w.failure()).startsWith("watch error event");
    }
}
