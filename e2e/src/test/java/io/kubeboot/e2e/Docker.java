package io.kubeboot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docker CLI on the local engine, as a person checks what the node agents did: containers by label,
 * {@code docker inspect} fields, logs. Only reads, except for removing what the e2e cluster created (containers of its
 * nodes, its network).
 */
final class Docker {
    private static final Pattern INET = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/");

    private Docker() {
    }

    record Result(int exitCode, String out, String err) {
        String ok() {
            if (exitCode != 0) {
                throw new AssertionError("command failed (" + exitCode + "): " + err + out);
            }
            return out.strip();
        }
    }

    static Result run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    static Result exec(List<String> cmd) {
        try {
            Path out = Files.createTempFile("e2e-cmd", ".out");
            Path err = Files.createTempFile("e2e-cmd", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails, saying how to start it, when no engine answers, when it lacks the test images or the loopback registry
     * mirror that untagged (Always-pulled) images come from. The e2e tests must not pass without having run.
     */
    static void requireEngine(List<String> images) {
        Result info = run("info", "--format", "{{json .RegistryConfig.Mirrors}}");
        if (info.exitCode() != 0) {
            throw new IllegalStateException("The e2e tests need a running Docker Engine, and `docker info` failed: "
                    + (info.err() + info.out()).strip() + "\nStart it (as root) from the repository root with "
                    + "`docker/engine.sh start` (CI's .ci/run does), then run the tests again.");
        }
        if (!info.out().contains("127.0.0.1:5000")) {
            throw new IllegalStateException("The Docker Engine runs without KubeBoot's loopback registry mirror "
                    + "(mirrors: " + info.out().strip() + "), so untagged images (imagePullPolicy Always) cannot be "
                    + "pulled. Restart it with `docker/engine.sh start` (as root) from the repository root.");
        }
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (run("image", "inspect", "--format", "{{.Id}}", image).exitCode() != 0) {
                missing.add(image);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Test images missing on the engine: " + missing
                    + ". Build them with `docker/test-images/build.sh` (or `docker/engine.sh start`).");
        }
    }

    /** Container IDs (full) with this label, e.g. {@code io.kubernetes.pod.uid=...}; running ones only unless all. */
    static List<String> containers(String labelFilter, boolean all) {
        List<String> args = new ArrayList<>(List.of("ps", "-q", "--no-trunc", "--filter", "label=" + labelFilter));
        if (all) {
            args.add("-a");
        }
        String out = run(args.toArray(String[]::new)).ok();
        return out.isEmpty() ? List.of() : out.lines().map(String::strip).sorted().toList();
    }

    /** {@code docker inspect --format TEMPLATE ID}. */
    static String inspect(String id, String template) {
        return run("inspect", "--format", template, id).ok();
    }

    /** The container's full ID from a status containerID ({@code docker://<id>}). */
    static String idOf(String statusContainerId) {
        if (statusContainerId == null) {
            return null;
        }
        int i = statusContainerId.indexOf("://");
        return i < 0 ? statusContainerId : statusContainerId.substring(i + 3);
    }

    /** Removes every container (running or not) labelled with this node; returns how many. */
    static int removeContainersOfNode(String node) {
        List<String> ids = containers("io.kubeboot.node=" + node, true);
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
            args.addAll(ids);
            run(args.toArray(String[]::new));
        }
        return ids.size();
    }

    static void removeNetwork(String name) {
        if (run("network", "inspect", "--format", "{{.Name}}", name).exitCode() == 0) {
            run("network", "rm", name);
        }
    }

    /** The IPv4 address of a host interface, e.g. docker0's 172.17.0.1 ({@code ip -4 addr show}). */
    static String interfaceAddress(String iface) {
        Result r = exec(List.of("ip", "-4", "addr", "show", iface));
        Matcher m = INET.matcher(r.out());
        if (r.exitCode() != 0 || !m.find()) {
            throw new IllegalStateException("no IPv4 address on " + iface + " (`ip -4 addr show " + iface + "`: "
                    + (r.err() + r.out()).strip() + "); is the Docker Engine running?");
        }
        return m.group(1);
    }

    /** The loopback addresses (as {@code a.b.c.d}) on {@code lo} inside the given /16 prefix, e.g. "10.246.". */
    static List<String> loopbackAddresses(String prefix) {
        Result r = exec(List.of("ip", "-4", "addr", "show", "dev", "lo"));
        List<String> found = new ArrayList<>();
        Matcher m = INET.matcher(r.out());
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    static void removeLoopbackAddress(String ip) {
        exec(List.of("ip", "addr", "del", ip + "/32", "dev", "lo"));
    }
}
