package io.kubeboot.api.helpers.cron;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed schedule as {@code github.com/robfig/cron/v3} {@code ParseStandard} produces it (what the CronJob controller
 * uses): five fields (minute hour day-of-month month day-of-week) of comma separated values, ranges and steps, month
 * and weekday names, a {@code TZ=}/{@code CRON_TZ=} prefix, and the descriptors {@code @yearly @annually @monthly
 * @weekly @daily @midnight @hourly @every <duration>}. {@link #next(Instant)} is robfig's {@code Next}: the first
 * activation strictly after the given time (whole seconds), or {@link #ZERO} when none exists within five years.
 *
 * <p>Day matching follows cron: when day-of-month or day-of-week is a bare {@code *} (or {@code ?}) both must match,
 * otherwise either may. Error texts are robfig's (the apiserver puts them into {@code spec.schedule} field errors).
 * Immutable and thread safe.
 *
 * <p>Known difference: a {@code TZ=name} prefix without a following space makes robfig panic (a slice bound); here
 * the whole rest is the zone name and the empty remainder fails as "expected exactly 5 fields, found 0: []".
 */
public final class CronSchedule {
    /** Go's zero {@code time.Time}, robfig's "no next activation". */
    public static final Instant ZERO = ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

    private static final long STAR_BIT = 1L << 63;

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
    private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3,
            "thu", 4, "fri", 5, "sat", 6));

    private final long second;
    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;
    private final ZoneId zone;
    /** Non-null for {@code @every}: robfig's ConstantDelaySchedule. */
    private final Duration every;

    private CronSchedule(long second, long minute, long hour, long dom, long month, long dow, ZoneId zone, Duration every) {
        this.second = second;
        this.minute = minute;
        this.hour = hour;
        this.dom = dom;
        this.month = month;
        this.dow = dow;
        this.zone = zone;
        this.every = every;
    }

    /** The {@link #parseStandard} error for {@code spec}, or empty when robfig accepts it (validation only). */
    public static Optional<String> parseError(String spec) {
        try {
            parseStandard(spec, ZoneOffset.UTC);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * robfig's {@code ParseStandard}. {@code localZone} stands for Go's {@code time.Local} (the zone used without a
     * TZ prefix).
     *
     * @throws IllegalArgumentException with robfig's error text
     */
    public static CronSchedule parseStandard(String spec, ZoneId localZone) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        ZoneId zone = localZone;
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int i = spec.indexOf(' ');
            int eq = spec.indexOf('=');
            String name = i < 0 ? spec.substring(eq + 1) : spec.substring(eq + 1, i);
            try {
                zone = loadLocation(name, localZone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("provided bad location " + name + ": " + e.getMessage());
            }
            spec = i < 0 ? "" : trimSpace(spec.substring(i));
        }
        if (spec.startsWith("@")) {
            return parseDescriptor(spec, zone);
        }
        List<String> fields = fields(spec);
        if (fields.size() != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.size() + ": ["
                    + String.join(" ", fields) + "]");
        }
        return new CronSchedule(1L, getField(fields.get(0), MINUTES), getField(fields.get(1), HOURS),
                getField(fields.get(2), DOM), getField(fields.get(3), MONTHS), getField(fields.get(4), DOW), zone, null);
    }

    /** The {@link #loadLocation} error for {@code name}, or empty when Go would load it. */
    public static Optional<String> loadLocationError(String name) {
        try {
            loadLocation(name, ZoneOffset.UTC);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Go's {@code time.LoadLocation}: "" and "UTC" are UTC, "Local" is {@code localZone}, a name containing ".." or
     * starting with a slash or backslash is refused, otherwise an IANA name (as the JDK's tz database knows them).
     *
     * @throws IllegalArgumentException "time: invalid location name" or "unknown time zone X"
     */
    public static ZoneId loadLocation(String name, ZoneId localZone) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return localZone;
        }
        if (name.contains("..") || name.charAt(0) == '/' || name.charAt(0) == '\\') {
            throw new IllegalArgumentException("time: invalid location name");
        }
        if (ZoneId.getAvailableZoneIds().contains(name)) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown time zone " + name);
    }

    private static CronSchedule parseDescriptor(String descriptor, ZoneId zone) {
        long allDom = all(DOM);
        long allMonths = all(MONTHS);
        long allDow = all(DOW);
        switch (descriptor) {
            case "@yearly", "@annually":
                return new CronSchedule(1L, 1L, 1L, 1L << 1, 1L << 1, allDow, zone, null);
            case "@monthly":
                return new CronSchedule(1L, 1L, 1L, 1L << 1, allMonths, allDow, zone, null);
            case "@weekly":
                return new CronSchedule(1L, 1L, 1L, allDom, allMonths, 1L, zone, null);
            case "@daily", "@midnight":
                return new CronSchedule(1L, 1L, 1L, allDom, allMonths, allDow, zone, null);
            case "@hourly":
                return new CronSchedule(1L, 1L, all(HOURS), allDom, allMonths, allDow, zone, null);
            default:
                break;
        }
        String prefix = "@every ";
        if (descriptor.startsWith(prefix)) {
            Duration d;
            try {
                d = GoDuration.parse(descriptor.substring(prefix.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to parse duration " + descriptor + ": " + e.getMessage());
            }
            // robfig's Every: at least a second, whole seconds
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                d = Duration.ofSeconds(1);
            }
            d = d.minusNanos(d.getNano());
            return new CronSchedule(0, 0, 0, 0, 0, 0, zone, d);
        }
        throw new IllegalArgumentException("unrecognized descriptor: " + descriptor);
    }

    private static long all(Bounds r) {
        return bits(r.min(), r.max(), 1) | STAR_BIT;
    }

    /** Empty parts between commas are skipped, as Go's {@code strings.FieldsFunc} does ("1,,2", even ","). */
    private static long getField(String field, Bounds r) {
        long bits = 0;
        for (String expr : field.split(",")) {
            if (!expr.isEmpty()) {
                bits |= getRange(expr, r);
            }
        }
        return bits;
    }

    private static long getRange(String expr, Bounds r) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean singleDigit = lowAndHigh.length == 1;
        long start;
        long end;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = r.min();
            end = r.max();
            extra = STAR_BIT;
        } else {
            start = parseIntOrName(lowAndHigh[0], r.names());
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = parseIntOrName(lowAndHigh[1], r.names());
            } else {
                throw new IllegalArgumentException("too many hyphens: " + expr);
            }
        }
        long step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            step = mustParseInt(rangeAndStep[1]);
            // "N/step" means "N-max/step"
            if (singleDigit) {
                end = r.max();
            }
            if (step > 1) {
                extra = 0;
            }
        } else {
            throw new IllegalArgumentException("too many slashes: " + expr);
        }
        if (start < r.min()) {
            throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + r.min() + "): " + expr);
        }
        if (end > r.max()) {
            throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + r.max() + "): " + expr);
        }
        if (start > end) {
            throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new IllegalArgumentException("step of range should be a positive number: " + expr);
        }
        return bits((int) start, (int) end, (int) step) | extra;
    }

    private static long bits(int min, int max, int step) {
        if (step == 1) {
            return ~(-1L << (max + 1)) & (-1L << min);
        }
        long b = 0;
        for (int i = min; i <= max; i += step) {
            b |= 1L << i;
        }
        return b;
    }

    private static long parseIntOrName(String expr, Map<String, Integer> names) {
        Integer named = names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : mustParseInt(expr);
    }

    private static long mustParseInt(String expr) {
        long num;
        try {
            num = GoStrconv.atoi(expr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse int from " + expr + ": " + e.getMessage());
        }
        if (num < 0) {
            throw new IllegalArgumentException("negative number (" + num + ") not allowed: " + expr);
        }
        return num;
    }

    /** Go's {@code strings.Fields}: split around runs of Unicode white space. */
    private static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); i++) {
            if (isGoSpace(s.charAt(i))) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Go's {@code strings.TrimSpace}. */
    private static String trimSpace(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isGoSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isGoSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Go's {@code unicode.IsSpace}. */
    private static boolean isGoSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0' -> true;
            default -> c > 0xff && Character.isSpaceChar(c);
        };
    }

    /** The zone activations are computed in (the TZ prefix, or the local zone). */
    public ZoneId zone() {
        return zone;
    }

    /** robfig's {@code Next}: the first activation after {@code t} (sub-second parts ignored), or {@link #ZERO}. */
    public Instant next(Instant t) {
        if (every != null) {
            return t.plus(every).minusNanos(t.getNano());
        }
        ZonedDateTime z = ZonedDateTime.ofInstant(t, zone);
        z = z.plusSeconds(1).minusNanos(z.getNano());
        boolean added = false;
        int yearLimit = z.getYear() + 5;
        wrap:
        while (true) {
            if (z.getYear() > yearLimit) {
                return ZERO;
            }
            while (!has(month, z.getMonthValue())) {
                if (!added) {
                    added = true;
                    z = ZonedDateTime.of(z.getYear(), z.getMonthValue(), 1, 0, 0, 0, 0, zone);
                }
                z = z.plusMonths(1);
                if (z.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(z)) {
                if (!added) {
                    added = true;
                    z = z.toLocalDate().atStartOfDay(zone);
                }
                z = z.plusDays(1);
                // a DST change may have moved midnight: get back to the day's start
                if (z.getHour() != 0) {
                    z = z.getHour() > 12 ? z.plusHours(24 - z.getHour()) : z.minusHours(z.getHour());
                }
                if (z.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while (!has(hour, z.getHour())) {
                if (!added) {
                    added = true;
                    z = ZonedDateTime.of(z.toLocalDate(), java.time.LocalTime.of(z.getHour(), 0), zone);
                }
                z = z.plusHours(1);
                if (z.getHour() == 0) {
                    continue wrap;
                }
            }
            while (!has(minute, z.getMinute())) {
                if (!added) {
                    added = true;
                    z = z.truncatedTo(ChronoUnit.MINUTES);
                }
                z = z.plusMinutes(1);
                if (z.getMinute() == 0) {
                    continue wrap;
                }
            }
            while (!has(second, z.getSecond())) {
                if (!added) {
                    added = true;
                    z = z.truncatedTo(ChronoUnit.SECONDS);
                }
                z = z.plusSeconds(1);
                if (z.getSecond() == 0) {
                    continue wrap;
                }
            }
            return z.toInstant();
        }
    }

    private boolean dayMatches(ZonedDateTime z) {
        boolean domMatch = has(dom, z.getDayOfMonth());
        boolean dowMatch = has(dow, z.getDayOfWeek().getValue() % 7);
        if ((dom & STAR_BIT) != 0 || (dow & STAR_BIT) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    private static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }
}
