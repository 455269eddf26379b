package io.kubeboot.api.helpers.resource;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Integer views of quantities, rounded up as upstream's {@code Quantity.Value()} and {@code MilliValue()}.
 *
 * <p>Amounts beyond the {@code long} range saturate at {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}
 * (upstream's int64 conversion of such amounts is undefined; the apiserver does not bound requests).
 */
public final class Quantities {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private Quantities() {
    }

    /** The exact amount in the quantity's base unit (cores, bytes, counts); 0 for null. */
    public static BigDecimal amount(Quantity q) {
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }

    /** The value in whole units (bytes, counts), rounded up; 0 for null. */
    public static long value(Quantity q) {
        return value(amount(q));
    }

    /** The value in thousandths (millicores), rounded up; 0 for null. */
    public static long milliValue(Quantity q) {
        return milliValue(amount(q));
    }

    /** An exact amount in whole units, rounded up. */
    public static long value(BigDecimal amount) {
        return saturate(amount.setScale(0, RoundingMode.CEILING));
    }

    /** An exact amount in thousandths, rounded up. */
    public static long milliValue(BigDecimal amount) {
        return saturate(amount.multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
    }

    private static long saturate(BigDecimal whole) {
        if (whole.compareTo(MAX) > 0) {
            return Long.MAX_VALUE;
        }
        if (whole.compareTo(MIN) < 0) {
            return Long.MIN_VALUE;
        }
        return whole.longValueExact();
    }
}
