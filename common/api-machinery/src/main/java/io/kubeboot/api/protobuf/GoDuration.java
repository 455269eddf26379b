package io.kubeboot.api.protobuf;

import java.math.BigDecimal;

/**
 * Formats nanoseconds the way Go's {@code time.Duration.String()} does ("1h2m3.5s", "1.5ms",
 * "0s"), which is how {@code meta/v1.Duration} appears in JSON.
 */
final class GoDuration {
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; BigDecimal keeps the arithmetic exact.
        BigDecimal abs = BigDecimal.valueOf(nanos).abs();
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (abs.compareTo(BigDecimal.valueOf(SECOND)) < 0) {
            long n = abs.longValueExact();
            if (n < MICRO) {
                return out.append(n).append("ns").toString();
            }
            if (n < MILLI) {
                return out.append(fraction(abs, MICRO)).append("µs").toString();
            }
            return out.append(fraction(abs, MILLI)).append("ms").toString();
        }
        BigDecimal[] hoursRest = abs.divideAndRemainder(BigDecimal.valueOf(3600 * SECOND));
        BigDecimal[] minutesRest = hoursRest[1].divideAndRemainder(BigDecimal.valueOf(60 * SECOND));
        long hours = hoursRest[0].longValueExact();
        long minutes = minutesRest[0].longValueExact();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(minutesRest[1], SECOND)).append('s').toString();
    }

    /** value/unit with the fraction's trailing zeros removed, as Go prints it. */
    private static String fraction(BigDecimal value, long unit) {
        BigDecimal scaled = value.divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
        return scaled.scale() <= 0 ? scaled.toBigInteger().toString() : scaled.toPlainString();
    }
}
