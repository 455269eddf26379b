package io.kubeboot.apiserver.registry.cronjobs;

import java.util.Optional;
import java.util.Set;

/** The syntax check of Go's {@code time.ParseDuration}, with its error texts ("1h30m", "-1.5s", "300ms"). */
final class GoDuration {
    private static final Set<String> UNITS = Set.of("ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h");

    private GoDuration() {
    }

    static Optional<String> parseError(String orig) {
        String invalid = "time: invalid duration " + CronSchedule.goQuote(orig);
        String s = orig;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.empty();
        }
        if (s.isEmpty()) {
            return Optional.of(invalid);
        }
        while (!s.isEmpty()) {
            int i = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            boolean pre = i > 0;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                int j = ++i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                post = i > j;
            }
            if (!pre && !post) {
                return Optional.of(invalid);
            }
            int u = i;
            while (u < s.length() && s.charAt(u) != '.' && !Character.isDigit(s.charAt(u))) {
                u++;
            }
            if (u == i) {
                return Optional.of("time: missing unit in duration " + CronSchedule.goQuote(orig));
            }
            String unit = s.substring(i, u);
            if (!UNITS.contains(unit)) {
                return Optional.of("time: unknown unit " + CronSchedule.goQuote(unit) + " in duration "
                        + CronSchedule.goQuote(orig));
            }
            s = s.substring(u);
        }
        return Optional.empty();
    }
}
