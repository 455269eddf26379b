package io.kubeboot.api.selector;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.selector.LabelSelector.Operator;
import io.kubeboot.api.selector.LabelSelector.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lexer and recursive-descent parser of upstream {@code labels.Parse}, reproducing its token
 * rules and error texts. One instance parses one string; not thread safe.
 */
final class LabelSelectorParser {
    private enum Token {
        ERROR, END_OF_STRING, CLOSED_PAR, COMMA, DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS, GREATER_THAN,
        IDENTIFIER, IN, LESS_THAN, NOT_EQUALS, NOT_IN, OPEN_PAR
    }

    /** In a values position the keywords {@code in}/{@code notin} are plain identifiers. */
    private enum Context { KEY_AND_OPERATOR, VALUES }

    private record Item(Token token, String literal) {
    }

    private static final Map<String, Token> LITERALS = Map.ofEntries(
            Map.entry(")", Token.CLOSED_PAR), Map.entry(",", Token.COMMA), Map.entry("!", Token.DOES_NOT_EXIST),
            Map.entry("==", Token.DOUBLE_EQUALS), Map.entry("=", Token.EQUALS), Map.entry(">", Token.GREATER_THAN),
            Map.entry("in", Token.IN), Map.entry("<", Token.LESS_THAN), Map.entry("!=", Token.NOT_EQUALS),
            Map.entry("notin", Token.NOT_IN), Map.entry("(", Token.OPEN_PAR));

    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final String input;
    private int pos;
    private final List<Item> items = new ArrayList<>();
    private int position;

    LabelSelectorParser(String input) {
        this.input = input;
    }

    List<Requirement> parse() {
        scan();
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Item item = lookahead(Context.VALUES);
            switch (item.token()) {
                case IDENTIFIER, DOES_NOT_EXIST -> {
                    Requirement r;
                    try {
                        r = parseRequirement();
                    } catch (StatusException e) {
                        throw ApiErrors.badRequest("unable to parse requirement: " + e.getMessage());
                    }
                    requirements.add(r);
                    Item next = consume(Context.VALUES);
                    switch (next.token()) {
                        case END_OF_STRING -> {
                            return requirements;
                        }
                        case COMMA -> {
                            Item after = lookahead(Context.VALUES);
                            if (after.token() != Token.IDENTIFIER && after.token() != Token.DOES_NOT_EXIST) {
                                throw fail("found '" + after.literal() + "', expected: identifier after ','");
                            }
                        }
                        default -> throw fail("found '" + next.literal() + "', expected: ',' or 'end of string'");
                    }
                }
                case END_OF_STRING -> {
                    return requirements;
                }
                default -> throw fail("found '" + item.literal() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement parseRequirement() {
        Item keyItem = consume(Context.VALUES);
        Operator operator = null;
        if (keyItem.token() == Token.DOES_NOT_EXIST) {
            operator = Operator.DOES_NOT_EXIST;
            keyItem = consume(Context.VALUES);
        }
        if (keyItem.token() != Token.IDENTIFIER) {
            throw fail("found '" + keyItem.literal() + "', expected: identifier");
        }
        String key = keyItem.literal();
        String keyError = LabelSelector.RequirementValidation.keyError(key, "<nil>");
        if (keyError != null) {
            throw fail(keyError);
        }
        Token next = lookahead(Context.VALUES).token();
        if ((next == Token.END_OF_STRING || next == Token.COMMA) && operator == null) {
            operator = Operator.EXISTS;
        }
        if (operator == Operator.EXISTS || operator == Operator.DOES_NOT_EXIST) {
            return Requirement.of(key, operator, List.of());
        }
        operator = parseOperator();
        TreeSet<String> values = switch (operator) {
            case IN, NOT_IN -> parseValues();
            default -> parseExactValue();
        };
        return Requirement.of(key, operator, new ArrayList<>(values));
    }

    private Operator parseOperator() {
        Item item = consume(Context.KEY_AND_OPERATOR);
        return switch (item.token()) {
            case IN -> Operator.IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case GREATER_THAN -> Operator.GREATER_THAN;
            case LESS_THAN -> Operator.LESS_THAN;
            case NOT_IN -> Operator.NOT_IN;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            default -> throw fail("found '" + item.literal() + "', expected: " + BINARY_OPERATORS);
        };
    }

    private TreeSet<String> parseValues() {
        Item open = consume(Context.VALUES);
        if (open.token() != Token.OPEN_PAR) {
            throw fail("found '" + open.literal() + "' expected: '('");
        }
        Item first = lookahead(Context.VALUES);
        switch (first.token()) {
            case IDENTIFIER, COMMA -> {
                TreeSet<String> values = parseIdentifiersList();
                if (consume(Context.VALUES).token() != Token.CLOSED_PAR) {
                    throw fail("found '" + first.literal() + "', expected: ')'");
                }
                return values;
            }
            case CLOSED_PAR -> {
                consume(Context.VALUES);
                return new TreeSet<>(List.of(""));
            }
            default -> throw fail("found '" + first.literal() + "', expected: ',', ')' or identifier");
        }
    }

    /** A possibly empty, comma-separated list of possibly empty identifiers; "(a,,b)" holds "". */
    private TreeSet<String> parseIdentifiersList() {
        TreeSet<String> values = new TreeSet<>();
        while (true) {
            Item item = consume(Context.VALUES);
            switch (item.token()) {
                case IDENTIFIER -> {
                    values.add(item.literal());
                    Item next = lookahead(Context.VALUES);
                    switch (next.token()) {
                        case COMMA -> {
                        }
                        case CLOSED_PAR -> {
                            return values;
                        }
                        default -> throw fail("found '" + next.literal() + "', expected: ',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    Token next = lookahead(Context.VALUES).token();
                    if (next == Token.CLOSED_PAR) {
                        values.add("");
                        return values;
                    }
                    if (next == Token.COMMA) {
                        consume(Context.VALUES);
                        values.add("");
                    }
                }
                default -> throw fail("found '" + item.literal() + "', expected: ',', or identifier");
            }
        }
    }

    private TreeSet<String> parseExactValue() {
        TreeSet<String> values = new TreeSet<>();
        Token next = lookahead(Context.VALUES).token();
        if (next == Token.END_OF_STRING || next == Token.COMMA) {
            values.add("");
            return values;
        }
        Item item = consume(Context.VALUES);
        if (item.token() == Token.IDENTIFIER) {
            values.add(item.literal());
            return values;
        }
        throw fail("found '" + item.literal() + "', expected: identifier");
    }

    private Item lookahead(Context context) {
        return inContext(items.get(Math.min(position, items.size() - 1)), context);
    }

    /** Never moves past the end-of-string item, which keeps answering for any further read. */
    private Item consume(Context context) {
        Item item = items.get(Math.min(position, items.size() - 1));
        position++;
        return inContext(item, context);
    }

    private static Item inContext(Item item, Context context) {
        if (context == Context.VALUES && (item.token() == Token.IN || item.token() == Token.NOT_IN)) {
            return new Item(Token.IDENTIFIER, item.literal());
        }
        return item;
    }

    private static StatusException fail(String message) {
        return ApiErrors.badRequest(message);
    }

    // ---- lexer ----

    private void scan() {
        while (true) {
            Item item = lex();
            items.add(item);
            if (item.token() == Token.END_OF_STRING) {
                return;
            }
        }
    }

    /** Like the Go lexer, a NUL character ends the input. */
    private char read() {
        char c = 0;
        if (pos < input.length()) {
            c = input.charAt(pos);
            pos++;
        }
        return c;
    }

    private void unread() {
        pos--;
    }

    private Item lex() {
        char c = read();
        while (isWhitespace(c)) {
            c = read();
        }
        if (c == 0) {
            return new Item(Token.END_OF_STRING, "");
        }
        unread();
        return isSpecialSymbol(c) ? scanSpecialSymbol() : scanIdOrKeyword();
    }

    private Item scanIdOrKeyword() {
        StringBuilder buffer = new StringBuilder();
        while (true) {
            char c = read();
            if (c == 0) {
                break;
            }
            if (isSpecialSymbol(c) || isWhitespace(c)) {
                unread();
                break;
            }
            buffer.append(c);
        }
        String s = buffer.toString();
        Token keyword = LITERALS.get(s);
        return new Item(keyword != null ? keyword : Token.IDENTIFIER, s);
    }

    /** The longest operator made of special symbols: "!=" rather than "!" then "=". */
    private Item scanSpecialSymbol() {
        StringBuilder buffer = new StringBuilder();
        Item last = null;
        while (true) {
            char c = read();
            if (c == 0) {
                break;
            }
            if (!isSpecialSymbol(c)) {
                unread();
                break;
            }
            buffer.append(c);
            Token token = LITERALS.get(buffer.toString());
            if (token != null) {
                last = new Item(token, buffer.toString());
            } else if (last != null) {
                unread();
                break;
            }
        }
        return last != null ? last : new Item(Token.ERROR, "error expected: keyword found '" + buffer + "'");
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecialSymbol(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
}
