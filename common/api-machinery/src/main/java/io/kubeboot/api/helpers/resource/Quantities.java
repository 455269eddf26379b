package io.kubeboot.api.helpers.resource;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Integer views of quantities, rounded up as upstream's {@code Quantity.Value()} and {@code MilliValue()}. */
public final class Quantities {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    /** The value in whole units (bytes, counts), rounded up; 0 for null. */
    public static long value(Quantity q) {
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** The value in thousandths (millicores), rounded up; 0 for null. */
    public static long milliValue(Quantity q) {
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().multiply(THOUSAND).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
