package io.kubeboot.controller.cloud.route;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IPv4/IPv6 networks for the route controller's "is this route in the cluster CIDR" check. Literals only. */
final class Cidrs {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** A network: the first address and the last one. */
    record Net(BigInteger first, BigInteger last, boolean v6) {
        boolean contains(BigInteger a, boolean isV6) {
            return isV6 == v6 && a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
        }

        boolean containsAnyEnd(Net other) {
            return contains(other.first, other.v6) || contains(other.last, other.v6);
        }
    }

    private Cidrs() {
    }

    /**
     * Parses "address/prefix" as Go's {@code ParseCIDRSloppy} (the host bits are masked off).
     *
     * @throws IllegalArgumentException when it is not a CIDR of literal addresses
     */
    static Net parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || !LITERAL.matcher(text.substring(0, slash)).matches()) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(text.substring(0, slash)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + text, e);
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + text, e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        BigInteger a = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = a.andNot(hostMask);
        return new Net(first, first.or(hostMask), bytes.length == 16);
    }
}
