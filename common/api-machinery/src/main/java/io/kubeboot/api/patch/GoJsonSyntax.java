package io.kubeboot.api.patch;

/**
 * The syntax check of Go's encoding/json scanner (as forked in sigs.k8s.io/json), reproducing its
 * error texts, e.g. {@code invalid character '}' looking for beginning of object key string} or
 * {@code unexpected end of JSON input}, which kube-apiserver returns for undecodable patches.
 * One instance checks one document; not thread safe.
 */
final class GoJsonSyntax {
    static final int MAX_NESTING_DEPTH = 10000;

    private enum Parse { OBJECT_KEY, OBJECT_VALUE, ARRAY_VALUE }

    private enum State {
        BEGIN_VALUE_OR_EMPTY, BEGIN_VALUE, BEGIN_STRING_OR_EMPTY, BEGIN_STRING, END_VALUE, END_TOP,
        IN_STRING, IN_STRING_ESC, ESC_U, ESC_U1, ESC_U12, ESC_U123, NEG, ONE, ZERO, DOT, DOT0, E, E_SIGN, E0,
        T, TR, TRU, F, FA, FAL, FALS, N, NU, NUL, ERROR
    }

    private State step = State.BEGIN_VALUE;
    private final java.util.ArrayDeque<Parse> parse = new java.util.ArrayDeque<>();
    private boolean endTop;
    private String error;

    private GoJsonSyntax() {
    }

    /** The Go error text for these bytes, or null when they are one valid JSON value. */
    static String check(byte[] data) {
        GoJsonSyntax s = new GoJsonSyntax();
        for (byte b : data) {
            s.step(b & 0xff);
            if (s.error != null) {
                return s.error;
            }
        }
        return s.eof();
    }

    private String eof() {
        if (endTop) {
            return null;
        }
        step(' ');
        if (error != null) {
            return error;
        }
        return endTop ? null : "unexpected end of JSON input";
    }

    private void fail(int c, String context) {
        step = State.ERROR;
        error = "invalid character " + quoteChar(c) + " " + context;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private void push(int c, Parse p, State next) {
        parse.push(p);
        step = next;
        if (parse.size() > MAX_NESTING_DEPTH) {
            fail(c, "exceeded max depth");
        }
    }

    private void pop() {
        parse.pop();
        if (parse.isEmpty()) {
            step = State.END_TOP;
            endTop = true;
        } else {
            step = State.END_VALUE;
        }
    }

    private void step(int c) {
        switch (step) {
            case BEGIN_VALUE_OR_EMPTY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == ']') {
                    endValue(c);
                } else {
                    beginValue(c);
                }
            }
            case BEGIN_VALUE -> beginValue(c);
            case BEGIN_STRING_OR_EMPTY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == '}') {
                    parse.pop();
                    parse.push(Parse.OBJECT_VALUE);
                    endValue(c);
                } else {
                    beginString(c);
                }
            }
            case BEGIN_STRING -> beginString(c);
            case END_VALUE -> endValue(c);
            case END_TOP -> {
                if (!isSpace(c)) {
                    fail(c, "after top-level value");
                }
            }
            case IN_STRING -> {
                if (c == '"') {
                    step = State.END_VALUE;
                } else if (c == '\\') {
                    step = State.IN_STRING_ESC;
                } else if (c < 0x20) {
                    fail(c, "in string literal");
                }
            }
            case IN_STRING_ESC -> {
                switch (c) {
                    case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> step = State.IN_STRING;
                    case 'u' -> step = State.ESC_U;
                    default -> fail(c, "in string escape code");
                }
            }
            case ESC_U, ESC_U1, ESC_U12, ESC_U123 -> {
                if (!isHex(c)) {
                    fail(c, "in \\u hexadecimal character escape");
                } else {
                    step = switch (step) {
                        case ESC_U -> State.ESC_U1;
                        case ESC_U1 -> State.ESC_U12;
                        case ESC_U12 -> State.ESC_U123;
                        default -> State.IN_STRING;
                    };
                }
            }
            case NEG -> {
                if (c == '0') {
                    step = State.ZERO;
                } else if (c >= '1' && c <= '9') {
                    step = State.ONE;
                } else {
                    fail(c, "in numeric literal");
                }
            }
            case ONE -> {
                if (c < '0' || c > '9') {
                    zero(c);
                }
            }
            case ZERO -> zero(c);
            case DOT -> {
                if (c >= '0' && c <= '9') {
                    step = State.DOT0;
                } else {
                    fail(c, "after decimal point in numeric literal");
                }
            }
            case DOT0 -> {
                if (c == 'e' || c == 'E') {
                    step = State.E;
                } else if (c < '0' || c > '9') {
                    endValue(c);
                }
            }
            case E -> {
                if (c == '+' || c == '-') {
                    step = State.E_SIGN;
                } else {
                    eSign(c);
                }
            }
            case E_SIGN -> eSign(c);
            case E0 -> {
                if (c < '0' || c > '9') {
                    endValue(c);
                }
            }
            case T -> literal(c, 'r', State.TR, "in literal true (expecting 'r')");
            case TR -> literal(c, 'u', State.TRU, "in literal true (expecting 'u')");
            case TRU -> literal(c, 'e', State.END_VALUE, "in literal true (expecting 'e')");
            case F -> literal(c, 'a', State.FA, "in literal false (expecting 'a')");
            case FA -> literal(c, 'l', State.FAL, "in literal false (expecting 'l')");
            case FAL -> literal(c, 's', State.FALS, "in literal false (expecting 's')");
            case FALS -> literal(c, 'e', State.END_VALUE, "in literal false (expecting 'e')");
            case N -> literal(c, 'u', State.NU, "in literal null (expecting 'u')");
            case NU -> literal(c, 'l', State.NUL, "in literal null (expecting 'l')");
            case NUL -> literal(c, 'l', State.END_VALUE, "in literal null (expecting 'l')");
            case ERROR -> {
            }
        }
    }

    private void literal(int c, char expected, State next, String context) {
        if (c == expected) {
            step = next;
        } else {
            fail(c, context);
        }
    }

    private void zero(int c) {
        if (c == '.') {
            step = State.DOT;
        } else if (c == 'e' || c == 'E') {
            step = State.E;
        } else {
            endValue(c);
        }
    }

    private void eSign(int c) {
        if (c >= '0' && c <= '9') {
            step = State.E0;
        } else {
            fail(c, "in exponent of numeric literal");
        }
    }

    private void beginValue(int c) {
        if (isSpace(c)) {
            return;
        }
        switch (c) {
            case '{' -> push(c, Parse.OBJECT_KEY, State.BEGIN_STRING_OR_EMPTY);
            case '[' -> push(c, Parse.ARRAY_VALUE, State.BEGIN_VALUE_OR_EMPTY);
            case '"' -> step = State.IN_STRING;
            case '-' -> step = State.NEG;
            case '0' -> step = State.ZERO;
            case 't' -> step = State.T;
            case 'f' -> step = State.F;
            case 'n' -> step = State.N;
            default -> {
                if (c >= '1' && c <= '9') {
                    step = State.ONE;
                } else {
                    fail(c, "looking for beginning of value");
                }
            }
        }
    }

    private void beginString(int c) {
        if (isSpace(c)) {
            return;
        }
        if (c == '"') {
            step = State.IN_STRING;
        } else {
            fail(c, "looking for beginning of object key string");
        }
    }

    private void endValue(int c) {
        if (parse.isEmpty()) {
            step = State.END_TOP;
            endTop = true;
            if (!isSpace(c)) {
                fail(c, "after top-level value");
            }
            return;
        }
        if (isSpace(c)) {
            step = State.END_VALUE;
            return;
        }
        switch (parse.peek()) {
            case OBJECT_KEY -> {
                if (c == ':') {
                    parse.pop();
                    parse.push(Parse.OBJECT_VALUE);
                    step = State.BEGIN_VALUE;
                } else {
                    fail(c, "after object key");
                }
            }
            case OBJECT_VALUE -> {
                if (c == ',') {
                    parse.pop();
                    parse.push(Parse.OBJECT_KEY);
                    step = State.BEGIN_STRING;
                } else if (c == '}') {
                    pop();
                } else {
                    fail(c, "after object key:value pair");
                }
            }
            case ARRAY_VALUE -> {
                if (c == ',') {
                    step = State.BEGIN_VALUE;
                } else if (c == ']') {
                    pop();
                } else {
                    fail(c, "after array element");
                }
            }
        }
    }

    /** Go's quoteChar: the byte as a rune in single quotes, escaped as strconv.Quote does. */
    static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String body = switch (c) {
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 12 -> "\\f";
            case 10 -> "\\n";
            case 13 -> "\\r";
            case 9 -> "\\t";
            case 11 -> "\\v";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("\\x%02x", c);
                }
                if ((c >= 0x80 && c < 0xa0) || c == 0xad) {
                    yield String.format("\\u%04x", c);
                }
                yield String.valueOf((char) c);
            }
        };
        return "'" + body + "'";
    }
}
