package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Resource quantities as upstream's {@code resource.Quantity} reads them. The fabric8 model accepts
 * any string, so the syntax check kube-apiserver does while decoding is done here.
 */
public final class Quantities {
    private Quantities() {
    }

    /** Upstream's parse error, which kube-apiserver reports for any malformed quantity. */
    public static final String FORMAT_MESSAGE =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private static final Pattern SYNTAX = Pattern.compile(
            "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(|[eE][+-]?[0-9]+|n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)$");

    /** The exact value, or null when {@code q} is not a valid quantity. */
    public static BigDecimal value(Quantity q) {
        if (q == null) {
            return null;
        }
        String text = text(q);
        if (!SYNTAX.matcher(text).matches()) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(q);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The quantity as the user wrote it, e.g. "500m" or "128Mi". */
    public static String text(Quantity q) {
        if (q == null) {
            return "0";
        }
        String amount = q.getAmount() == null ? "" : q.getAmount();
        String format = q.getFormat() == null ? "" : q.getFormat();
        return amount + format;
    }

    public static boolean isValid(Quantity q) {
        return value(q) != null;
    }

    /** Compares two valid quantities numerically; invalid ones compare as zero. */
    public static int compare(Quantity a, Quantity b) {
        BigDecimal x = value(a);
        BigDecimal y = value(b);
        return (x == null ? BigDecimal.ZERO : x).compareTo(y == null ? BigDecimal.ZERO : y);
    }
}
