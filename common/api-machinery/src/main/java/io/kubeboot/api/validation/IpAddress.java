package io.kubeboot.api.validation;

import java.util.Arrays;

/**
 * A parsed IP address with the acceptance rules of upstream's {@code netutils.ParseIPSloppy} (Go's
 * {@code net.ParseIP} that still tolerates leading zeros in IPv4 octets). Pure parsing: never resolves
 * names, unlike {@link java.net.InetAddress#getByName}. An IPv4-mapped IPv6 address counts as IPv4,
 * as Go's {@code To4()} does. Immutable.
 */
public final class IpAddress {
    private static final byte[] V4_IN_V6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    /** Always 16 bytes; IPv4 addresses are stored IPv4-mapped. */
    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address, or null when {@code s} is not an IP literal. */
    public static IpAddress parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                byte[] v4 = parseV4(s);
                return v4 == null ? null : fromV4(v4);
            }
            if (c == ':') {
                byte[] v6 = parseV6(s);
                return v6 == null ? null : new IpAddress(v6);
            }
        }
        return null;
    }

    /** A CIDR "ip/prefix" as upstream's {@code ParseCIDRSloppy}; returns the address part, or null. */
    public static IpAddress parseCidr(String s) {
        if (s == null) {
            return null;
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        IpAddress ip = parse(addr);
        if (ip == null || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        if (bits.length() > 1 && bits.charAt(0) == '0') {
            return null;
        }
        int n = Integer.parseInt(bits);
        boolean v4Literal = addr.indexOf(':') < 0;
        if (n > (v4Literal ? 32 : 128)) {
            return null;
        }
        return ip;
    }

    public boolean isIpv4() {
        return Arrays.equals(bytes, 0, 12, V4_IN_V6_PREFIX, 0, 12);
    }

    public boolean isUnspecified() {
        if (isIpv4()) {
            return bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] == 0;
        }
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isLoopback() {
        if (isIpv4()) {
            return bytes[12] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 1;
    }

    /** 169.254.0.0/16 or fe80::/10. */
    public boolean isLinkLocalUnicast() {
        if (isIpv4()) {
            return (bytes[12] & 0xff) == 169 && (bytes[13] & 0xff) == 254;
        }
        return (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
    }

    /** 224.0.0.0/24 or ff02::/16. */
    public boolean isLinkLocalMulticast() {
        if (isIpv4()) {
            return (bytes[12] & 0xff) == 224 && bytes[13] == 0 && bytes[14] == 0;
        }
        return (bytes[0] & 0xff) == 0xff && (bytes[1] & 0x0f) == 0x02;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    private static IpAddress fromV4(byte[] v4) {
        byte[] b = Arrays.copyOf(V4_IN_V6_PREFIX, 16);
        System.arraycopy(v4, 0, b, 12, 4);
        return new IpAddress(b);
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                return null;
            }
            int n = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                n = n * 10 + (c - '0');
                if (n > 255) {
                    return null;
                }
            }
            out[i] = (byte) n;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        byte[] ip = new byte[16];
        int ellipsis = -1;
        int i = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return ip;
            }
        }
        while (i < 16) {
            int end = 0;
            int n = 0;
            while (end < s.length() && end < 5 && Character.digit(s.charAt(end), 16) >= 0) {
                n = n * 16 + Character.digit(s.charAt(end), 16);
                end++;
            }
            if (end == 0 || end > 4) {
                return null;
            }
            if (end < s.length() && s.charAt(end) == '.') {
                if (ellipsis < 0 && i != 12) {
                    return null;
                }
                if (i + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseV4(s);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, ip, i, 4);
                i += 4;
                s = "";
                break;
            }
            ip[i] = (byte) (n >> 8);
            ip[i + 1] = (byte) n;
            i += 2;
            s = s.substring(end);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':' || s.length() == 1) {
                return null;
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            return null;
        }
        if (i < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                ip[j + n] = ip[j];
            }
            for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
                ip[j] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }
}
