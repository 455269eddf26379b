package io.kubeboot.api.helpers.cron;

/**
 * The two pieces of Go's {@code strconv} whose behaviour shows in robfig/cron's error texts: {@code Atoi} (with its
 * {@code NumError} text) and {@code Quote}.
 */
final class GoStrconv {
    private static final long CUTOFF = Long.MIN_VALUE; // 1<<63 as an unsigned value

    private GoStrconv() {
    }

    /**
     * Go's {@code strconv.Atoi} on a 64-bit platform: optional sign, then ASCII decimal digits. The first offending
     * character decides the error: a non-digit gives "invalid syntax", an overflow seen before it "value out of range".
     *
     * @throws IllegalArgumentException {@code strconv.Atoi: parsing "<s>": invalid syntax | value out of range}
     */
    static long atoi(String s) {
        String prefix = "strconv.Atoi: parsing " + quote(s) + ": ";
        boolean neg = false;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            throw new IllegalArgumentException(prefix + "invalid syntax");
        }
        long n = 0; // unsigned
        boolean overflow = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(prefix + "invalid syntax");
            }
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, 10) + 1) >= 0) {
                overflow = true;
                break;
            }
            long n1 = n * 10 + (c - '0');
            if (Long.compareUnsigned(n1, n * 10) < 0) {
                overflow = true;
                break;
            }
            n = n1;
        }
        if (overflow || (!neg && Long.compareUnsigned(n, CUTOFF) >= 0) || (neg && Long.compareUnsigned(n, CUTOFF) > 0)) {
            throw new IllegalArgumentException(prefix + "value out of range");
        }
        return neg ? -n : n;
    }

    /**
     * Go's {@code strconv.Quote}: printable runes stay, {@code \a \b \f \n \r \t \v \\ \"} use their escapes, other
     * control characters {@code \xNN}, other non-printable runes {@code \\uNNNN} or {@code \UNNNNNNNN}.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            if (Character.isSurrogate((char) r) && r < 0x10000) {
                r = 0xFFFD; // a lone surrogate is what Go's decoders turn into U+FFFD
            }
            switch (r) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x0B -> b.append("\\v");
                default -> {
                    if (isPrint(r)) {
                        b.appendCodePoint(r);
                    } else if (r < ' ' || r == 0x7f) {
                        b.append(String.format("\\x%02x", r));
                    } else if (r < 0x10000) {
                        b.append(String.format("\\u%04x", r));
                    } else {
                        b.append(String.format("\\U%08x", r));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
