package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Quantities as the kubelet writes them: apimachinery's canonical forms of its byte and CPU values. */
final class ResourceQuantities {
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private ResourceQuantities() {
    }

    /**
     * A byte count in BinarySI canonical form: the largest power of 1024 that divides it ({@code 16338792Ki},
     * {@code 100Mi}), plain digits when none does (0 is {@code 0}).
     */
    static Quantity bytes(long value) {
        if (value == 0) {
            return new Quantity("0");
        }
        int exp = 0;
        long v = value;
        while (exp < BINARY.length - 1 && v % 1024 == 0) {
            v /= 1024;
            exp++;
        }
        return new Quantity(v + BINARY[exp]);
    }

    /** A plain decimal count ({@code 110}, {@code 8}). */
    static Quantity count(long value) {
        return new Quantity(Long.toString(value));
    }

    /** CPU from milli-cores: whole cores as {@code 4}, else {@code 3500m}. */
    static Quantity milliCpu(long milli) {
        return milli % 1000 == 0 ? new Quantity(Long.toString(milli / 1000)) : new Quantity(milli + "m");
    }

    /** The value of a quantity in its base unit (bytes, cores), exact. */
    static BigDecimal amount(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }

    static long milliValue(String quantity) {
        return amount(new Quantity(quantity)).multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.UP).longValueExact();
    }

    static long byteValue(String quantity) {
        return amount(new Quantity(quantity)).setScale(0, RoundingMode.UP).longValueExact();
    }
}
