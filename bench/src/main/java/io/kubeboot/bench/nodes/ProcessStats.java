package io.kubeboot.bench.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process on this machine, from {@code /proc/<pid>/status}. */
public final class ProcessStats {
    private ProcessStats() {
    }

    /** VmRSS of {@code pid} in bytes; -1 when the pid is empty, gone or unreadable. */
    public static long rssBytes(String pid) {
        if (pid == null || pid.isEmpty()) {
            return -1;
        }
        try {
            return vmRssBytes(Files.readString(Path.of("/proc", pid, "status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:} line of a status file ("VmRSS:	  123456 kB") in bytes; -1 without one. */
    static long vmRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String digits = line.replaceAll("[^0-9]", "");
                return digits.isEmpty() ? -1 : Long.parseLong(digits) * 1024;
            }
        }
        return -1;
    }

    /** Bytes as MiB with one decimal, or "n/a". */
    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
