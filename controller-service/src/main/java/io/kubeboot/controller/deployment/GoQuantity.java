package io.kubeboot.controller.deployment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The internal state of an apimachinery {@code resource.Quantity} right after {@code ParseQuantity} (which is how
 * the protobuf decoder builds it): the int64 fast path {@code i = value * 10^scale} with the input string cached in
 * {@code s} when it is already canonical, or the inf.Dec slow path {@code d = decUnscaled * 10^-decScale}.
 * Needed only because the pod-template-hash prints these unexported fields.
 *
 * @param decUnscaled null on the fast path
 */
record GoQuantity(long value, int scale, BigInteger decUnscaled, int decScale, String cached, String format) {
    static final GoQuantity ZERO = new GoQuantity(0, 0, null, 0, "", "");

    private static final String DECIMAL_SI = "DecimalSI";
    private static final String BINARY_SI = "BinarySI";
    private static final String DECIMAL_EXPONENT = "DecimalExponent";
    private static final int MAX_INT64_FACTORS = 18;
    private static final int NANO = -9;

    /** Parses as upstream; an unparsable string (the apiserver never returns one) renders as the zero Quantity. */
    static GoQuantity parse(String str) {
        if (str == null || str.isEmpty()) {
            return ZERO;
        }
        if (str.equals("0")) {
            return new GoQuantity(0, 0, null, 0, "0", DECIMAL_SI);
        }
        Scanned sc = Scanned.scan(str);
        if (sc == null) {
            return ZERO;
        }
        Suffix suf = Suffix.interpret(sc.suffix);
        if (suf == null) {
            return ZERO;
        }
        int precision = 0;
        int scale = 0;
        long mantissa = 1;
        switch (suf.format) {
            case DECIMAL_EXPONENT, DECIMAL_SI -> {
                scale = suf.exponent;
                precision = MAX_INT64_FACTORS - (sc.num.length() + sc.denom.length());
            }
            default -> {
                if (suf.exponent >= 0 && sc.denom.isEmpty()) {
                    mantissa = mantissa << suf.exponent;
                    precision = 15 - sc.num.length() - (int) ((float) suf.exponent * 3 / 10) - 1;
                } else {
                    precision = -1;
                }
            }
        }
        if (precision >= 0) {
            scale -= sc.denom.length();
            if (scale >= NANO) {
                String shifted = sc.num + sc.denom;
                long v;
                try {
                    v = Long.parseLong(shifted);
                } catch (NumberFormatException e) {
                    return ZERO;
                }
                try {
                    long result = Math.multiplyExact(v, mantissa);
                    if (!sc.positive) {
                        result = -result;
                    }
                    boolean canonical = BINARY_SI.equals(suf.format)
                            ? suf.exponent % 10 == 0 && (v & 0x07) != 0
                            : scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
                    return new GoQuantity(result, scale, null, 0, canonical ? str : "", suf.format);
                } catch (ArithmeticException overflow) {
                    // fall through to the inf.Dec path as upstream does
                }
            }
        }
        return slowPath(sc, suf);
    }

    private static GoQuantity slowPath(Scanned sc, Suffix suf) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(sc.value);
        } catch (NumberFormatException e) {
            return ZERO;
        }
        if (suf.base == 10) {
            amount = new BigDecimal(amount.unscaledValue(), amount.scale() - suf.exponent);
        } else {
            amount = new BigDecimal(amount.unscaledValue().shiftLeft(suf.exponent), amount.scale());
        }
        int sign = amount.signum();
        amount = amount.abs();
        if (amount.unscaledValue().signum() != 0) {
            amount = amount.setScale(-NANO, RoundingMode.UP);
        }
        String format = suf.format;
        BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE);
        if (BINARY_SI.equals(format) && amount.compareTo(max) > 0) {
            amount = max;
        }
        if (BINARY_SI.equals(format) && amount.compareTo(BigDecimal.ONE) < 0 && amount.signum() > 0) {
            format = DECIMAL_SI;
        }
        if (sign < 0) {
            amount = amount.negate();
        }
        return new GoQuantity(0, 0, amount.unscaledValue(), amount.scale(), "", format);
    }

    /** Upstream parseQuantityString. */
    private record Scanned(boolean positive, String value, String num, String denom, String suffix) {
        static Scanned scan(String str) {
            boolean positive = true;
            int pos = 0;
            int end = str.length();
            if (str.charAt(0) == '-') {
                positive = false;
                pos++;
            } else if (str.charAt(0) == '+') {
                pos++;
            }
            while (true) {
                if (pos >= end) {
                    return new Scanned(positive, "0", "0", "", "");
                }
                if (str.charAt(pos) != '0') {
                    break;
                }
                pos++;
            }
            int i = pos;
            while (i < end && isDigit(str.charAt(i))) {
                i++;
            }
            if (i >= end) {
                return new Scanned(positive, str, str.substring(pos), "", "");
            }
            String num = str.substring(pos, i);
            pos = i;
            if (num.isEmpty()) {
                num = "0";
            }
            String denom = "";
            if (pos < end && str.charAt(pos) == '.') {
                pos++;
                i = pos;
                while (i < end && isDigit(str.charAt(i))) {
                    i++;
                }
                if (i >= end) {
                    return new Scanned(positive, str, num, str.substring(pos), "");
                }
                denom = str.substring(pos, i);
                pos = i;
            }
            String value = str.substring(0, pos);
            int suffixStart = pos;
            i = pos;
            while (i < end && "eEinumkKMGTP".indexOf(str.charAt(i)) >= 0) {
                i++;
            }
            if (i >= end) {
                return new Scanned(positive, value, num, denom, str.substring(suffixStart));
            }
            pos = i;
            if (str.charAt(pos) == '-' || str.charAt(pos) == '+') {
                pos++;
            }
            for (i = pos; i < end; i++) {
                if (!isDigit(str.charAt(i))) {
                    return null;
                }
            }
            return new Scanned(positive, value, num, denom, str.substring(suffixStart));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    /** Upstream quantitySuffixer.interpret. */
    private record Suffix(int base, int exponent, String format) {
        static Suffix interpret(String s) {
            switch (s) {
                case "": return new Suffix(10, 0, DECIMAL_SI);
                case "n": return new Suffix(10, -9, DECIMAL_SI);
                case "u": return new Suffix(10, -6, DECIMAL_SI);
                case "m": return new Suffix(10, -3, DECIMAL_SI);
                case "k": return new Suffix(10, 3, DECIMAL_SI);
                case "M": return new Suffix(10, 6, DECIMAL_SI);
                case "G": return new Suffix(10, 9, DECIMAL_SI);
                case "T": return new Suffix(10, 12, DECIMAL_SI);
                case "P": return new Suffix(10, 15, DECIMAL_SI);
                case "E": return new Suffix(10, 18, DECIMAL_SI);
                case "Ki": return new Suffix(2, 10, BINARY_SI);
                case "Mi": return new Suffix(2, 20, BINARY_SI);
                case "Gi": return new Suffix(2, 30, BINARY_SI);
                case "Ti": return new Suffix(2, 40, BINARY_SI);
                case "Pi": return new Suffix(2, 50, BINARY_SI);
                case "Ei": return new Suffix(2, 60, BINARY_SI);
                default:
                    if (s.length() > 1 && (s.charAt(0) == 'e' || s.charAt(0) == 'E')) {
                        try {
                            return new Suffix(10, Integer.parseInt(s.substring(1)), DECIMAL_EXPONENT);
                        } catch (NumberFormatException e) {
                            return null;
                        }
                    }
                    return null;
            }
        }
    }
}
