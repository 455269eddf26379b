package io.kubeboot.node.network;

import java.io.IOException;
import java.util.List;

/** Runs a host command (iptables) and returns its exit code and combined output. */
@FunctionalInterface
public interface CommandRunner {
    /** @throws IOException when the command cannot be started (not installed) */
    Result run(List<String> command) throws IOException, InterruptedException;

    record Result(int exitCode, String output) {
    }

    /** Runs the command as a child process of this JVM. */
    static CommandRunner processes() {
        return command -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            return new Result(process.waitFor(), new String(output).trim());
        };
    }
}
