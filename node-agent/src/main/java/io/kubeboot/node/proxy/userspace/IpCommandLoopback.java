package io.kubeboot.node.proxy.userspace;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@link LocalAddresses} of {@code lo}: read through {@link NetworkInterface}, changed with
 * {@code ip addr add|del <ip>/32 dev lo} (iproute2).
 */
public final class IpCommandLoopback implements LocalAddresses {
    private static final String DEVICE = "lo";

    @Override
    public Set<String> list() throws IOException {
        NetworkInterface lo = NetworkInterface.getByName(DEVICE);
        if (lo == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (InetAddress a : Collections.list(lo.getInetAddresses())) {
            if (a instanceof Inet4Address) {
                out.add(a.getHostAddress());
            }
        }
        return out;
    }

    @Override
    public void add(String ip) throws IOException {
        Result r = run(List.of("ip", "addr", "add", ip + "/32", "dev", DEVICE));
        if (r.exit != 0 && !r.output.contains("File exists")) {
            throw failure("add", ip, r);
        }
    }

    @Override
    public void remove(String ip) throws IOException {
        Result r = run(List.of("ip", "addr", "del", ip + "/32", "dev", DEVICE));
        if (r.exit != 0 && !r.output.contains("Cannot assign requested address")) {
            throw failure("remove", ip, r);
        }
    }

    private static IOException failure(String verb, String ip, Result r) {
        String msg = "ip addr " + verb + " " + ip + "/32 dev lo failed (exit " + r.exit + "): " + r.output.trim();
        return r.output.contains("Operation not permitted") ? new NotPermittedException(msg) : new IOException(msg);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new NotPermittedException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage());
        }
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
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
