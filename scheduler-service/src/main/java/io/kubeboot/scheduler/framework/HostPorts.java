package io.kubeboot.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The host ports in use on a node, by host IP, as upstream's {@code framework.HostPortInfo}. An empty
 * IP means {@code 0.0.0.0}; a port on {@code 0.0.0.0} conflicts with the same port and protocol on any
 * IP, and the other way round.
 *
 * <p>Not thread safe; owned by one {@link NodeInfo}.
 */
public final class HostPorts {
    public static final String DEFAULT_IP = "0.0.0.0";

    /** A protocol and port; the protocol defaults to TCP. */
    public record ProtocolPort(String protocol, int port) {
        public static ProtocolPort of(String protocol, int port) {
            return new ProtocolPort(protocol == null || protocol.isEmpty() ? "TCP" : protocol, port);
        }
    }

    private final Map<String, Set<ProtocolPort>> byIp = new HashMap<>();

    private static String ip(String ip) {
        return ip == null || ip.isEmpty() ? DEFAULT_IP : ip;
    }

    public void add(String ip, String protocol, int port) {
        if (port <= 0) {
            return;
        }
        byIp.computeIfAbsent(ip(ip), k -> new HashSet<>()).add(ProtocolPort.of(protocol, port));
    }

    public void remove(String ip, String protocol, int port) {
        if (port <= 0) {
            return;
        }
        String key = ip(ip);
        Set<ProtocolPort> set = byIp.get(key);
        if (set != null) {
            set.remove(ProtocolPort.of(protocol, port));
            if (set.isEmpty()) {
                byIp.remove(key);
            }
        }
    }

    /** Whether using {@code port}/{@code protocol} on {@code ip} collides with a port in use. */
    public boolean conflicts(String ip, String protocol, int port) {
        if (port <= 0) {
            return false;
        }
        ProtocolPort pp = ProtocolPort.of(protocol, port);
        String key = ip(ip);
        if (key.equals(DEFAULT_IP)) {
            for (Set<ProtocolPort> ports : byIp.values()) {
                if (ports.contains(pp)) {
                    return true;
                }
            }
            return false;
        }
        Set<ProtocolPort> any = byIp.get(DEFAULT_IP);
        if (any != null && any.contains(pp)) {
            return true;
        }
        Set<ProtocolPort> same = byIp.get(key);
        return same != null && same.contains(pp);
    }

    public int size() {
        int n = 0;
        for (Set<ProtocolPort> s : byIp.values()) {
            n += s.size();
        }
        return n;
    }

    public HostPorts copy() {
        HostPorts c = new HostPorts();
        byIp.forEach((k, v) -> c.byIp.put(k, new HashSet<>(v)));
        return c;
    }
}
