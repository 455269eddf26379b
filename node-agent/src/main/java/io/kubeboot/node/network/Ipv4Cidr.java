package io.kubeboot.node.network;

/**
 * An IPv4 range in CIDR notation ({@code 10.244.1.0/24}). Addresses are handled as unsigned 32-bit values in a
 * {@code long}. The address part is normalised to the network address ({@code 10.244.1.7/24} is {@code 10.244.1.0/24}).
 */
public record Ipv4Cidr(long network, int prefixLength) {
    public static final Ipv4Cidr LOOPBACK = parse("127.0.0.0/8");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("invalid CIDR prefix length " + prefixLength);
        }
        network = network & mask(prefixLength);
    }

    /** Parses {@code a.b.c.d/n}; throws {@link IllegalArgumentException} with the offending text otherwise. */
    public static Ipv4Cidr parse(String cidr) {
        if (cidr == null) {
            throw new IllegalArgumentException("invalid CIDR address: null");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("invalid CIDR address: " + cidr);
            }
            return new Ipv4Cidr(parseAddress(cidr.substring(0, slash)), prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr, e);
        }
    }

    /** Parses a dotted-quad IPv4 address; throws {@link IllegalArgumentException} otherwise. */
    public static long parseAddress(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address: " + address);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid IPv4 address: " + address);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("invalid IPv4 address: " + address);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(long address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
    }

    public long broadcast() {
        return network | (~mask(prefixLength) & 0xffffffffL);
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(long address) {
        return (address & mask(prefixLength)) == network;
    }

    /** Whether {@code address} is a dotted-quad IPv4 address in this range; false for anything else (IPv6, names). */
    public boolean contains(String address) {
        return isIpv4(address) && contains(parseAddress(address));
    }

    /** Whether {@code s} is a dotted-quad IPv4 address. */
    public static boolean isIpv4(String s) {
        if (s == null) {
            return false;
        }
        try {
            parseAddress(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether every address of {@code other} is in this range. */
    public boolean contains(Ipv4Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
