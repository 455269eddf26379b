package io.kubeboot.apiserver.registry.endpointslices;

import java.util.Optional;

/**
 * A parsed IP address as Go's {@code netutils.ParseIPSloppy} sees it (IPv4 parts may have leading
 * zeros; IPv4-mapped IPv6 addresses count as IPv4), without any name lookup.
 *
 * @param bytes 16 bytes, IPv4 in IPv4-mapped form
 */
record IpAddress(byte[] bytes) {

    static Optional<IpAddress> parse(String s) {
        byte[] v4 = parseV4(s);
        if (v4 != null) {
            byte[] b = new byte[16];
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            System.arraycopy(v4, 0, b, 12, 4);
            return Optional.of(new IpAddress(b));
        }
        return Optional.ofNullable(parseV6(s)).map(IpAddress::new);
    }

    /** Go's {@code To4() != nil}. */
    boolean isV4() {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    boolean isUnspecified() {
        if (isV4()) {
            return u(12) == 0 && u(13) == 0 && u(14) == 0 && u(15) == 0;
        }
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    boolean isLoopback() {
        if (isV4()) {
            return u(12) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 1;
    }

    boolean isLinkLocalUnicast() {
        if (isV4()) {
            return u(12) == 169 && u(13) == 254;
        }
        return u(0) == 0xfe && (u(1) & 0xc0) == 0x80;
    }

    boolean isLinkLocalMulticast() {
        if (isV4()) {
            return u(12) == 224 && u(13) == 0 && u(14) == 0;
        }
        return u(0) == 0xff && (u(1) & 0x0f) == 0x02;
    }

    private int u(int i) {
        return bytes[i] & 0xff;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] headGroups = groups(head, dbl < 0 || tail.isEmpty());
        int[] tailGroups = dbl >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return null;
        }
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        int start = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            out[2 * (start + i)] = (byte) (tailGroups[i] >> 8);
            out[2 * (start + i) + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /** 16-bit groups of one side of "::"; an embedded IPv4 tail counts as two groups. */
    private static int[] groups(String part, boolean mayEndWithV4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        int n = items.length;
        byte[] v4 = null;
        if (mayEndWithV4 && items[n - 1].contains(".")) {
            v4 = parseV4(items[n - 1]);
            if (v4 == null) {
                return null;
            }
            n--;
        }
        int[] out = new int[n + (v4 == null ? 0 : 2)];
        for (int i = 0; i < n; i++) {
            String g = items[i];
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            out[i] = Integer.parseInt(g, 16);
        }
        if (v4 != null) {
            out[n] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            out[n + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return out;
    }
}
