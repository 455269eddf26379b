package io.kubeboot.node.proxy.iptables;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link Iptables} through the iptables and iptables-restore binaries, waiting for the xtables lock ({@code -w}). */
public final class IptablesCommand implements Iptables {
    private record Result(int exit, String output) {
    }

    @Override
    public boolean usable() {
        try {
            return run(List.of("iptables", "-w", "5", "-t", "nat", "-S", "OUTPUT"), null).exit == 0
                    && run(List.of("iptables-restore", "--version"), null).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void restore(String input) throws IOException {
        Result r = run(List.of("iptables-restore", "-w", "5", "--noflush"), input);
        if (r.exit != 0) {
            throw new IOException("iptables-restore failed (exit " + r.exit + "): " + r.output.trim());
        }
    }

    @Override
    public void ensureRule(String table, String chain, List<String> args) throws IOException {
        if (run(command(table, "-C", chain, args), null).exit == 0) {
            return;
        }
        Result r = run(command(table, "-I", chain, args), null);
        if (r.exit != 0) {
            throw new IOException("iptables -t " + table + " -I " + chain + " failed: " + r.output.trim());
        }
    }

    @Override
    public void deleteRule(String table, String chain, List<String> args) throws IOException {
        while (run(command(table, "-C", chain, args), null).exit == 0) {
            Result r = run(command(table, "-D", chain, args), null);
            if (r.exit != 0) {
                throw new IOException("iptables -t " + table + " -D " + chain + " failed: " + r.output.trim());
            }
        }
    }

    private static List<String> command(String table, String op, String chain, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "5", "-t", table, op, chain));
        cmd.addAll(args);
        return cmd;
    }

    private static Result run(List<String> cmd, String stdin) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out;
            try (InputStream o = p.getInputStream()) {
                out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
