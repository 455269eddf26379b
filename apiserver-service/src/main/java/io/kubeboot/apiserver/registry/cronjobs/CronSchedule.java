package io.kubeboot.apiserver.registry.cronjobs;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule check of {@code github.com/robfig/cron/v3} {@code ParseStandard}, which upstream uses
 * to validate {@code spec.schedule}: five fields (minute hour day-of-month month day-of-week) of
 * comma-separated values, ranges and steps, month and weekday names, or a descriptor such as
 * {@code @hourly} or {@code @every 1h30m}. Errors carry the library's exact text because upstream
 * puts it in the field error.
 */
public final class CronSchedule {
    private record Bounds(long min, long max, Map<String, Long> names) {
    }

    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(
            Map.entry("jan", 1L), Map.entry("feb", 2L), Map.entry("mar", 3L), Map.entry("apr", 4L),
            Map.entry("may", 5L), Map.entry("jun", 6L), Map.entry("jul", 7L), Map.entry("aug", 8L),
            Map.entry("sep", 9L), Map.entry("oct", 10L), Map.entry("nov", 11L), Map.entry("dec", 12L)));
    private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0L, "mon", 1L, "tue", 2L, "wed", 3L,
            "thu", 4L, "fri", 5L, "sat", 6L));
    private static final List<Bounds> FIELDS = List.of(MINUTES, HOURS, DOM, MONTHS, DOW);
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly",
            "@daily", "@midnight", "@hourly");

    private CronSchedule() {
    }

    /** The parse error, or empty when the schedule is valid. */
    public static Optional<String> parseError(String spec) {
        try {
            parse(spec);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void parse(String spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int i = spec.indexOf(' ');
            int eq = spec.indexOf('=');
            String zone = i < 0 ? spec.substring(eq + 1) : spec.substring(eq + 1, i);
            Optional<String> zoneError = TimeZones.loadError(zone);
            if (zoneError.isPresent()) {
                throw new IllegalArgumentException("provided bad location " + zone + ": " + zoneError.get());
            }
            spec = i < 0 ? "" : spec.substring(i).strip();
        }
        if (spec.startsWith("@")) {
            parseDescriptor(spec);
            return;
        }
        String stripped = spec.strip();
        List<String> fields = stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
        if (fields.size() != FIELDS.size()) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.size() + ": ["
                    + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < fields.size(); i++) {
            for (String expr : fields.get(i).split(",")) {
                if (!expr.isEmpty()) {
                    checkRange(expr, FIELDS.get(i));
                }
            }
        }
    }

    private static void parseDescriptor(String descriptor) {
        if (DESCRIPTORS.contains(descriptor)) {
            return;
        }
        String every = "@every ";
        if (descriptor.startsWith(every)) {
            Optional<String> err = GoDuration.parseError(descriptor.substring(every.length()));
            if (err.isPresent()) {
                throw new IllegalArgumentException("failed to parse duration " + descriptor + ": " + err.get());
            }
            return;
        }
        throw new IllegalArgumentException("unrecognized descriptor: " + descriptor);
    }

    /** robfig's {@code getRange}: {@code number | number "-" number [ "/" number ]}, or {@code *} / {@code ?}. */
    private static void checkRange(String expr, Bounds r) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        long start;
        long end;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = r.min();
            end = r.max();
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
            if (single) {
                end = r.max();
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
    }

    private static long parseIntOrName(String expr, Map<String, Long> names) {
        Long named = names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : mustParseInt(expr);
    }

    private static long mustParseInt(String expr) {
        long num = atoi(expr);
        if (num < 0) {
            throw new IllegalArgumentException("negative number (" + num + ") not allowed: " + expr);
        }
        return num;
    }

    /** Go's {@code strconv.Atoi}: optional sign and decimal digits, 64-bit. */
    private static long atoi(String s) {
        String prefix = "failed to parse int from " + s + ": strconv.Atoi: parsing " + goQuote(s) + ": ";
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(prefix + "invalid syntax");
        }
        try {
            return Long.parseLong(s.startsWith("+") ? digits : s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "value out of range");
        }
    }

    static String goQuote(String s) {
        return io.kubeboot.api.validation.FieldError.quote(s);
    }

    /** Time zone lookups as Go's {@code time.LoadLocation} sees them (IANA names, UTC and Local). */
    static final class TimeZones {
        private TimeZones() {
        }

        static Optional<String> loadError(String name) {
            if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
                return Optional.empty();
            }
            if (ZoneId.getAvailableZoneIds().contains(name)) {
                return Optional.empty();
            }
            return Optional.of("unknown time zone " + name);
        }
    }
}
