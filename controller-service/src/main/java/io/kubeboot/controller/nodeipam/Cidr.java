package io.kubeboot.controller.nodeipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network as Go's {@code net.ParseCIDR} returns it: the address masked to the prefix. Printed as Go
 * prints an {@code *net.IPNet} (dotted quad; RFC 5952 compressed IPv6). Immutable.
 */
record Cidr(BigInteger network, int prefix, boolean v6) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    Cidr {
        if (prefix < 0 || prefix > (v6 ? 128 : 32)) {
            throw new IllegalArgumentException("invalid prefix length " + prefix);
        }
        network = network.and(mask(prefix, v6 ? 128 : 32));
    }

    /** Parses "address/prefix" (literal addresses only, never a name lookup). */
    static Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        String addr = text.substring(0, slash);
        String len = text.substring(slash + 1);
        boolean v6 = addr.contains(":");
        if (!v6 && !IPV4.matcher(addr).matches() || !len.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        if (v6 && bytes.length == 4) {
            // an IPv4-mapped literal: Go keeps it as IPv4 only when the prefix fits; treat it as invalid here
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        int prefix = Integer.parseInt(len);
        if (prefix > (v6 ? 128 : 32)) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new Cidr(new BigInteger(1, bytes), prefix, v6);
    }

    int bits() {
        return v6 ? 128 : 32;
    }

    /** The mask of {@code prefix} leading ones over {@code bits} bits. */
    static BigInteger mask(int prefix, int bits) {
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return all.xor(host);
    }

    /** Go's {@code IPNet.Contains}: the address is in this network (same family). */
    boolean contains(BigInteger address, boolean addressV6) {
        return addressV6 == v6 && address.and(mask(prefix, bits())).equals(network);
    }

    /** The last address of the network. */
    BigInteger last() {
        return network.or(mask(prefix, bits()).xor(BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE)));
    }

    @Override
    public String toString() {
        return formatAddress(network, v6) + "/" + prefix;
    }

    static String formatAddress(BigInteger address, boolean v6) {
        if (!v6) {
            long v = address.longValue();
            return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        // the longest run of two or more zero groups (the first of equals) becomes "::"
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
