package io.kubeboot.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The apiserver's heap after a full GC: {@code jcmd <pid> GC.run} (when the pid is known; it must be a
 * JVM on this machine), then the actuator's {@code jvm.memory.used{area=heap}}. Without a pid no GC can
 * be forced, and the figure includes garbage; the sample says which it is.
 */
public final class HeapProbe {
    /** One reading; {@code rssBytes} is -1 when the pid is unknown. */
    public record Sample(long heapUsedBytes, long heapMaxBytes, long rssBytes, boolean gcForced) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api;
    private final String pid;

    /** {@code pid} may be empty. */
    public HeapProbe(ApiClient api, String pid) {
        this.api = api;
        this.pid = pid;
    }

    public Sample sample() throws IOException, InterruptedException {
        boolean gc = !pid.isEmpty() && fullGc();
        return new Sample(metric("jvm.memory.used"), metric("jvm.memory.max"), rss(), gc);
    }

    private boolean fullGc() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    private long metric(String name) throws IOException {
        HttpResult r = api.get("/actuator/metrics/" + name + "?tag=area:heap").join();
        if (r.status() != 200) {
            throw new IOException("GET /actuator/metrics/" + name + ": HTTP " + r.status());
        }
        JsonNode m = JSON.readTree(r.body()).path("measurements");
        return m.isArray() && !m.isEmpty() ? (long) m.get(0).path("value").asDouble() : -1;
    }

    private long rss() throws IOException {
        Path status = Path.of("/proc", pid.isEmpty() ? "-" : pid, "status");
        if (pid.isEmpty() || !Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
