package io.kubeboot.bench.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU seconds used by this JVM and, when its pid is known, by the server under test, so the report
 * shows how the shared cores were split: a load generator eating most of them would make the server's
 * figures meaningless.
 */
public final class CpuMeter {
    /**
     * CPU seconds at one instant; {@code server} is -1 when unknown. {@code serverJit} is the part of it spent by
     * the server's JIT compiler threads that are alive at this instant (-1 when unknown or not a JVM): the JVM stops idle
     * compiler threads, and a thread that ended within a window takes its time with it, so over a window the JIT
     * figure is a lower bound.
     */
    public record Snapshot(long wallNanos, double bench, double server, double serverJit) {
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
        return new Snapshot(System.nanoTime(), os.getProcessCpuTime() / 1e9, serverSeconds(), serverJitSeconds());
    }

    /**
     * The server's CPU between two snapshots, e.g. {@code "11.3 s (JIT 2.1 s)"}: a JVM still compiling its hot
     * paths in a measured phase spends a share of the shared cores on that, which the figures should show.
     */
    public static String serverCpu(Snapshot a, Snapshot b) {
        if (a.server() < 0 || b.server() < 0) {
            return "n/a";
        }
        String total = String.format(Locale.ROOT, "%.1f s", b.server() - a.server());
        if (a.serverJit() < 0 || b.serverJit() < 0) {
            return total;
        }
        return total + String.format(Locale.ROOT, " (JIT %.1f s)", Math.max(0, b.serverJit() - a.serverJit()));
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
            return cpuSeconds(Files.readString(Path.of("/proc", serverPid, "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sum over the server's threads named as HotSpot names its compiler threads ("C1 CompilerThre", "C2 ..."). */
    private double serverJitSeconds() {
        if (serverPid.isEmpty()) {
            return -1;
        }
        double sum = 0;
        boolean found = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", serverPid, "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (isCompilerThread(comm)) {
                        found = true;
                        sum += cpuSeconds(stat);
                    }
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
            return found ? sum : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** utime + stime of a {@code /proc/.../stat} line, in seconds. */
    static double cpuSeconds(String stat) {
        // fields after the parenthesised command name; utime and stime are fields 14 and 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
