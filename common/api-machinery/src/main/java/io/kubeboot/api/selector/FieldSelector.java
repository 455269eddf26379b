package io.kubeboot.api.selector;

import io.kubeboot.api.errors.ApiErrors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A field selector with the grammar and semantics of apimachinery's {@code fields.ParseSelector}:
 * comma-separated {@code field=value}, {@code field==value} or {@code field!=value} terms, ANDed;
 * in values {@code \\}, {@code \,} and {@code \=} are escapes. Terms are kept sorted by their text,
 * as upstream sorts them before parsing.
 *
 * <p>Which fields a resource supports is the registry's business, not this class's. Immutable.
 */
public final class FieldSelector {
    public static final String EQUALS = "=";
    public static final String NOT_EQUALS = "!=";

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    private static final List<String> TERM_OPERATORS = List.of("!=", "==", "=");

    /** One term; {@code operator} is {@code "="} (also for {@code ==}) or {@code "!="}, {@code value} unescaped. */
    public record Requirement(String field, String operator, String value) {
        boolean matches(Function<String, String> valueOf) {
            String actual = valueOf.apply(field);
            boolean equal = (actual == null ? "" : actual).equals(value);
            return operator.equals(EQUALS) == equal;
        }

        @Override
        public String toString() {
            return field + operator + escapeValue(value);
        }
    }

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** {@code field=value}, as upstream's {@code OneTermEqualSelector}. */
    public static FieldSelector oneTermEqual(String field, String value) {
        return new FieldSelector(List.of(new Requirement(field, EQUALS, value)));
    }

    /**
     * Parses the {@code fieldSelector} query-parameter form.
     *
     * @throws io.kubeboot.api.errors.StatusException 400 BadRequest with upstream's message
     */
    public static FieldSelector parse(String selector) {
        List<String> terms = splitTerms(selector);
        Collections.sort(terms);
        List<Requirement> reqs = new ArrayList<>();
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            Requirement r = splitTerm(term);
            if (r == null) {
                throw ApiErrors.badRequest("invalid selector: '" + selector + "'; can't understand '" + term + "'");
            }
            // upstream's Transform drops a term whose field and value are both empty ("=")
            if (!r.field().isEmpty() || !r.value().isEmpty()) {
                reqs.add(r);
            }
        }
        return reqs.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(reqs));
    }

    /**
     * True when every term holds; {@code valueOf} gives a field's value for this object, null or
     * "" when the object has none (a missing field equals "").
     */
    public boolean matches(Function<String, String> valueOf) {
        for (Requirement r : requirements) {
            if (!r.matches(valueOf)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** The value an {@code =} term demands for {@code field} (used for the metadata.name fast path). */
    public Optional<String> requiresExactMatch(String field) {
        for (Requirement r : requirements) {
            if (r.field().equals(field) && r.operator().equals(EQUALS)) {
                return Optional.of(r.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Rewrites every term, as upstream's {@code Selector.Transform} does to convert field labels;
     * a term rewritten to an empty field and value is dropped. {@code fn} may throw to refuse a field.
     */
    public FieldSelector transform(UnaryOperator<Requirement> fn) {
        List<Requirement> next = new ArrayList<>();
        for (Requirement r : requirements) {
            Requirement t = fn.apply(r);
            if (!t.field().isEmpty() || !t.value().isEmpty()) {
                next.add(t);
            }
        }
        return next.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(next));
    }

    /** Terms joined by commas with values escaped again, e.g. {@code metadata.name=a\,b}. */
    @Override
    public String toString() {
        return String.join(",", requirements.stream().map(Requirement::toString).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** Upstream {@code fields.EscapeValue}: prefixes {@code \ , =} with a backslash. */
    public static String escapeValue(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == ',' || c == '=') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * Upstream {@code fields.UnescapeValue}.
     *
     * @throws io.kubeboot.api.errors.StatusException for an unknown escape or an unescaped {@code ,}/{@code =}
     */
    public static String unescapeValue(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf(',') < 0 && s.indexOf('=') < 0) {
            return s;
        }
        StringBuilder v = new StringBuilder(s.length());
        boolean inSlash = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (inSlash) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw ApiErrors.badRequest("invalid field selector: invalid escape sequence: \\"
                            + new String(Character.toChars(c)));
                }
                v.appendCodePoint(c);
                inSlash = false;
                continue;
            }
            switch (c) {
                case '\\' -> inSlash = true;
                // Go prints the rune with %v, i.e. as its number
                case ',', '=' -> throw ApiErrors.badRequest("invalid field selector: unescaped character in value: " + c);
                default -> v.appendCodePoint(c);
            }
        }
        if (inSlash) {
            throw ApiErrors.badRequest("invalid field selector: invalid escape sequence: \\");
        }
        return v.toString();
    }

    /** Splits on commas that are not backslash-escaped; escapes stay in the terms. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector == null || selector.isEmpty()) {
            return terms;
        }
        int start = 0;
        boolean inSlash = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (inSlash) {
                inSlash = false;
            } else if (c == '\\') {
                inSlash = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /** The first operator occurrence splits the term: field names cannot contain escapes. */
    private static Requirement splitTerm(String term) {
        for (int i = 0; i < term.length(); i++) {
            for (String op : TERM_OPERATORS) {
                if (term.startsWith(op, i)) {
                    String value = unescapeValue(term.substring(i + op.length()));
                    return new Requirement(term.substring(0, i), op.equals(NOT_EQUALS) ? NOT_EQUALS : EQUALS, value);
                }
            }
        }
        return null;
    }
}
