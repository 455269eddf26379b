package io.kubeboot.bench.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU seconds used by this JVM and, when its pid is known, by the server under test, so the report
 * shows how the shared cores were split: a load generator eating most of them would make the server's
 * figures meaningless.
 */
public final class CpuMeter {
    /** CPU seconds at one instant; {@code server} is -1 when unknown. */
    public record Snapshot(long wallNanos, double bench, double server) {
    }

    /** Linux USER_HZ; /proc/<pid>/stat times are in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final String serverPid;

    /** {@code serverPid} may be empty. */
    public CpuMeter(String serverPid) {
        this.serverPid = serverPid;
    }

    public Snapshot now() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Snapshot(System.nanoTime(), os.getProcessCpuTime() / 1e9, serverSeconds());
    }

    /** e.g. {@code "bench 10.2 s, server 25.0 s CPU in 20.0 s"}. */
    public String since(Snapshot start) {
        Snapshot end = now();
        double wall = (end.wallNanos() - start.wallNanos()) / 1e9;
        String server = start.server() < 0 || end.server() < 0 ? "server n/a"
                : String.format(Locale.ROOT, "server %.1f s", end.server() - start.server());
        return String.format(Locale.ROOT, "bench %.1f s, %s CPU in %.1f s wall (%d cores)",
                end.bench() - start.bench(), server, wall, Runtime.getRuntime().availableProcessors());
    }

    private double serverSeconds() {
        if (serverPid.isEmpty()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", serverPid, "stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
