package io.kubeboot.api.helpers.cron;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Go's {@code time.ParseDuration}: {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} such as "1h30m", "-1.5s", ".5s", "1.s",
 * "300ms", or a bare "0". Values, overflow handling (up to 2^63-1 ns, -2^63 ns when negative) and error texts
 * (quoted the way the {@code time} package quotes) are Go's.
 */
public final class GoDuration {
    private static final long MAX_MAGNITUDE = Long.MIN_VALUE; // 1<<63 as an unsigned value
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The parse error, or empty when {@code s} is a valid Go duration. */
    public static Optional<String> parseError(String s) {
        try {
            parse(s);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws IllegalArgumentException with Go's text, e.g. {@code time: invalid duration "x"} */
    public static Duration parse(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        long d = 0; // unsigned, like Go's uint64 accumulator (and wrapping like it)
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(orig);
            }
            // [0-9]*
            int start = i;
            long v = 0;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(MAX_MAGNITUDE, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, MAX_MAGNITUDE) > 0) {
                    throw invalid(orig);
                }
            }
            boolean pre = i != start;
            // (\.[0-9]*)?  — precision stops accumulating on overflow, without an error
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                boolean overflow = false;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    if (overflow) {
                        continue;
                    }
                    if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(y, MAX_MAGNITUDE) > 0) {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig); // no digits, e.g. ".s" or "-.s"
            }
            int unitStart = i;
            for (; i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i)); i++) {
                // the unit runs up to the next number
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            }
            String u = s.substring(unitStart, i);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(u) + " in duration " + quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(MAX_MAGNITUDE, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f > 0) {
                // a double is precise enough for fractions of an hour (at most 3.6e12 ns)
                v += (long) ((double) f * ((double) unit / scale));
                if (Long.compareUnsigned(v, MAX_MAGNITUDE) > 0) {
                    throw invalid(orig);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, MAX_MAGNITUDE) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return Duration.ofNanos(-d);
        }
        if (d < 0) { // 2^63 does not fit a positive duration
            throw invalid(orig);
        }
        return Duration.ofNanos(d);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + quote(orig));
    }

    /**
     * The {@code time} package's own quoting (not {@code strconv.Quote}): {@code "} and {@code \} are escaped, every
     * byte of a non-ASCII or control character's UTF-8 form becomes {@code \xNN}.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (c >= 0x80 || c < ' ') {
                String ch = Character.isSurrogate((char) c) && c < 0x10000 ? "\ufffd" : s.substring(i, i + n);
                for (byte x : ch.getBytes(StandardCharsets.UTF_8)) {
                    b.append(String.format("\\x%02x", x & 0xff));
                }
            } else {
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append((char) c);
            }
            i += n;
        }
        return b.append('"').toString();
    }
}
