package io.kubeboot.bench.nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The same engine without the node agent, right after the rounds: {@code pods} "pods" started at once, each as the
 * agent starts one (a pause sandbox on the node's network, then a pause container in the sandbox's network
 * namespace), through {@code docker run -d}. It tells how much of the startup latency is the engine on this machine
 * at that moment. Its containers are named {@code <prefix>-<i>-sandbox|app}, labelled {@code io.kubeboot.bench},
 * and removed at the end.
 */
final class DockerBaseline {
    /** Per-pod milliseconds from the start of the batch until both containers ran, and the batch's wall time. */
    record Result(List<Long> podMillis, long batchMillis, int failed, String firstError) {
    }

    private final String prefix;
    private final String network;
    private final String image;

    DockerBaseline(String prefix, String network, String image) {
        this.prefix = prefix;
        this.network = network;
        this.image = image;
    }

    Result run(int pods) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(pods);
        List<Future<Long>> futures = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        try {
            for (int i = 0; i < pods; i++) {
                String name = prefix + "-" + i;
                futures.add(threads.submit(() -> {
                    String sandbox = docker("run", "-d", "--name", name + "-sandbox", "--label", "io.kubeboot.bench=" + prefix,
                            "--network", network, image);
                    docker("run", "-d", "--name", name + "-app", "--label", "io.kubeboot.bench=" + prefix,
                            "--network", "container:" + sandbox.trim(), image);
                    return System.currentTimeMillis() - t0;
                }));
            }
            List<Long> times = new ArrayList<>();
            int failed = 0;
            String firstError = null;
            for (Future<Long> f : futures) {
                try {
                    times.add(f.get(5, TimeUnit.MINUTES));
                } catch (Exception e) {
                    failed++;
                    firstError = firstError == null ? String.valueOf(e.getCause() == null ? e : e.getCause()) : firstError;
                }
            }
            return new Result(times, times.isEmpty() ? -1 : Collections.max(times), failed, firstError);
        } finally {
            threads.shutdownNow();
            removeAll();
        }
    }

    private void removeAll() {
        try {
            String ids = docker("ps", "-aq", "--filter", "label=io.kubeboot.bench=" + prefix);
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            ids.lines().filter(l -> !l.isBlank()).forEach(args::add);
            if (args.size() > 2) {
                docker(args.toArray(String[]::new));
            }
        } catch (IOException e) {
            System.err.println("bench: removing the baseline containers " + prefix + "-*: " + e.getMessage());
        }
    }

    /** Runs {@code docker args...}; its standard output, or an IOException with its output when it fails. */
    private static String docker(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("docker " + args[0] + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("docker " + String.join(" ", args) + ": " + out.trim());
        }
        return out;
    }
}
