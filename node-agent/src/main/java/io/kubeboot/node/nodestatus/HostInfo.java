package io.kubeboot.node.nodestatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the kubelet learns about its machine (upstream: cadvisor's MachineInfo and VersionInfo): IDs, kernel, OS
 * image, CPU cores and memory. Read once and shared by every node of a process. Immutable.
 *
 * @param machineId     {@code /etc/machine-id}, or empty
 * @param systemUuid    {@code /sys/class/dmi/id/product_uuid} when readable (usually root only), or empty
 * @param bootId        {@code /proc/sys/kernel/random/boot_id}, or empty
 * @param kernelVersion {@code uname -r} ({@code /proc/sys/kernel/osrelease})
 * @param osImage       PRETTY_NAME of {@code /etc/os-release}, or "Linux" as cadvisor when unknown
 * @param cpuCores      logical CPUs
 * @param memoryBytes   MemTotal of {@code /proc/meminfo}, 0 when unknown
 */
public record HostInfo(String machineId, String systemUuid, String bootId, String kernelVersion, String osImage,
                       int cpuCores, long memoryBytes) {

    /** This machine. */
    public static HostInfo read() {
        return read(HostInfo::readFile, Runtime.getRuntime().availableProcessors());
    }

    /** From the given file reader (path to contents, empty when unreadable); pure apart from the reader. */
    public static HostInfo read(Function<String, Optional<String>> files, int cpuCores) {
        return new HostInfo(
                files.apply("/etc/machine-id").map(String::trim).orElse(""),
                files.apply("/sys/class/dmi/id/product_uuid").map(String::trim).orElse(""),
                files.apply("/proc/sys/kernel/random/boot_id").map(String::trim).orElse(""),
                files.apply("/proc/sys/kernel/osrelease").map(String::trim).orElse(""),
                files.apply("/etc/os-release").flatMap(HostInfo::prettyName).orElse("Linux"),
                cpuCores,
                files.apply("/proc/meminfo").map(HostInfo::memTotal).orElse(0L));
    }

    static Optional<String> prettyName(String osRelease) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                String v = line.substring("PRETTY_NAME=".length()).trim();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static long memTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return 0;
    }

    private static Optional<String> readFile(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
