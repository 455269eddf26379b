package io.kubeboot.apiserver.registry.services;

import java.util.Random;

/** An IPv4 service range such as 10.96.0.0/12; the network and broadcast addresses are never handed out. */
public record ServiceCidr(long network, int prefix) {

    public static ServiceCidr parse(String cidr) {
        String[] parts = cidr.trim().split("/");
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("service CIDR prefix must be between /8 and /30: " + cidr);
        }
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new ServiceCidr(toLong(parts[0]) & mask, prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean contains(String ip) {
        long v;
        try {
            v = toLong(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return v > network && v < network + size() - 1;
    }

    /** The n-th address of the range (1 = the first usable, the kubernetes Service's). */
    public String host(long n) {
        return toText(network + n);
    }

    String randomHost(Random random) {
        long n = 1 + (long) (random.nextDouble() * (size() - 2));
        return toText(network + n);
    }

    static long toLong(String ip) {
        String[] o = ip.split("\\.");
        if (o.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long v = 0;
        for (String s : o) {
            int b = Integer.parseInt(s);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            v = (v << 8) | b;
        }
        return v;
    }

    static String toText(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    @Override
    public String toString() {
        return toText(network) + "/" + prefix;
    }
}
