package io.kubeboot.node.proxy;

/** An IPv4 CIDR such as "10.96.0.0/12"; {@link #contains} answers for dotted-quad strings. Immutable. */
public record Ipv4Cidr(int network, int prefix) {
    public static final Ipv4Cidr LOOPBACK = parse("127.0.0.0/8");

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
        network = network & mask(prefix);
    }

    /** Parses "a.b.c.d/n" (a bare address means /32); throws {@link IllegalArgumentException} otherwise. */
    public static Ipv4Cidr parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        Integer ip = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (ip == null) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        return new Ipv4Cidr(ip, prefix);
    }

    /** The address as an int, or null when {@code s} is not a dotted-quad IPv4 address. */
    public static Integer parseAddress(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return null;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static boolean isIpv4(String s) {
        return parseAddress(s) != null;
    }

    public boolean contains(String address) {
        Integer ip = parseAddress(address);
        return ip != null && (ip & mask(prefix)) == network;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @Override
    public String toString() {
        return ((network >>> 24) & 255) + "." + ((network >>> 16) & 255) + "." + ((network >>> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
