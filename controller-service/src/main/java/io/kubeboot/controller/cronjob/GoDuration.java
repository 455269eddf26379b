package io.kubeboot.controller.cronjob;

import java.time.Duration;
import java.util.Map;

/** Go's {@code time.ParseDuration}, for robfig/cron's {@code @every <duration>}: e.g. "1h30m", "1.5s", "-2m". */
final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's message, e.g. {@code time: invalid duration "x"} */
    static Duration parse(String s) {
        String orig = s;
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
        double total = 0;
        while (!s.isEmpty()) {
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(0, i);
            if (num.isEmpty() || num.equals(".") || num.chars().filter(c -> c == '.').count() > 1) {
                throw invalid(orig);
            }
            s = s.substring(i);
            int j = 0;
            while (j < s.length() && !(Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                j++;
            }
            String unit = s.substring(0, j);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            }
            Long scale = UNITS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(orig));
            }
            s = s.substring(j);
            total += Double.parseDouble(num) * scale;
        }
        if (total > Long.MAX_VALUE) {
            throw invalid(orig);
        }
        long nanos = (long) total;
        return Duration.ofNanos(neg ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("time: invalid duration " + quote(s));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
