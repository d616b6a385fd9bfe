package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.geo.GeoJsonGeometries;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Reads a filter in the CQL2 text encoding into the CQL2-JSON tree it stands for, so that both
 * encodings of the STAC API filter extension reach one evaluator. It reads basic CQL2 with LIKE,
 * BETWEEN, IN, the spatial functions (S_INTERSECTS, S_WITHIN... of the geometry and well-known
 * text or BBOX), the temporal functions (T_AFTER... of properties, TIMESTAMP, DATE and INTERVAL)
 * and the array functions (A_CONTAINS... of a property and a list), which is what the catalog can answer; anything beyond (CASEI, arithmetic) is refused
 * with a pointer to what does answer it, rather than misread.
 */
public final class CqlText {
    /** Deeper than any filter a person writes, shallow enough that the descent cannot exhaust the stack. */
    private static final int MAX_DEPTH = 100;
    private static final String SUPPORTED = "this API offers basic CQL2 with LIKE, BETWEEN, IN, the spatial functions"
            + " (S_INTERSECTS, S_WITHIN...), the temporal functions (T_AFTER, T_INTERSECTS...), the array functions"
            + " (A_CONTAINS...) and CASEI";
    private static final String OPERAND = "an operand (property, string, number, TRUE, FALSE, TIMESTAMP or DATE)";
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IS", "NULL", "LIKE", "BETWEEN", "IN",
            "TRUE", "FALSE", "TIMESTAMP", "DATE");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/");
    /** Longest first, so that {@code <=} is not read as {@code <} followed by {@code =}. */
    private static final List<String> SYMBOLS = List.of("<=", ">=", "<>", "=", "<", ">", "(", ")", ",", "+", "-",
            "*", "/");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The geometries of well-known text a spatial literal may be, besides BBOX. */
    private static final Set<String> GEOMETRY_TYPES = Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");

    /** A {@code WORD} is an unquoted identifier, which may be a keyword. */
    private enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL, END }

    /**
     * One token: {@code value} is what it means (a string without its quotes), {@code source} what
     * was written, to quote back in errors.
     */
    private record Token(Kind kind, String value, String source, int position) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && value.equalsIgnoreCase(symbolOrKeyword);
        }

        String described() {
            return switch (kind) {
                case END -> "the end of the filter";
                case STRING, QUOTED_NAME -> source;
                default -> "'" + source + "'";
            };
        }
    }

    private final String text;
    private final List<Token> tokens;
    private int next;

    private CqlText(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * The CQL2-JSON tree of {@code text}, a filter in the CQL2 text encoding.
     *
     * @throws StacProblem (400) naming what is wrong and where (character position, 1-based), e.g.
     *         "filter: expected ')' at character 17, found the end of the filter"
     */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw StacProblem.badRequest("filter: is empty");
        }
        CqlText parser = new CqlText(text, tokenize(text));
        JsonNode filter = parser.disjunction(0);
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw problem("unexpected " + rest.described(), rest, " after a complete condition");
        }
        return filter;
    }

    private JsonNode disjunction(int depth) {
        return chain("or", () -> conjunction(depth));
    }

    private JsonNode conjunction(int depth) {
        return chain("and", () -> primary(depth));
    }

    /** {@code a AND b AND c} is one "and" of three, as CQL2-JSON writes it, not a nest of pairs. */
    private JsonNode chain(String op, Supplier<JsonNode> operand) {
        List<JsonNode> args = new ArrayList<>(List.of(operand.get()));
        while (accept(op)) {
            args.add(operand.get());
        }
        return args.size() == 1 ? args.get(0) : operation(op, args.toArray(JsonNode[]::new));
    }

    private JsonNode primary(int depth) {
        Token start = peek();
        if (accept("NOT")) {
            return operation("not", primary(nested(depth, start)));
        }
        if (accept("(")) {
            JsonNode inner = disjunction(nested(depth, start));
            expect(")");
            return inner;
        }
        return predicate();
    }

    private static int nested(int depth, Token at) {
        if (depth == MAX_DEPTH) {
            throw problem("NOT and parentheses nest deeper than " + MAX_DEPTH + " levels", at, "");
        }
        return depth + 1;
    }

    private JsonNode predicate() {
        if (startsFunction(CqlFilter.SPATIAL_FUNCTIONS)) {
            return spatialPredicate();
        }
        if (startsFunction(CqlFilter.TEMPORAL_FUNCTIONS)) {
            return temporalPredicate();
        }
        if (startsFunction(CqlFilter.ARRAY_FUNCTIONS)) {
            return arrayPredicate();
        }
        JsonNode left = operand();
        Token operator = peek();
        if (operator.kind() == Kind.SYMBOL && COMPARISONS.contains(operator.value())) {
            next++;
            return operation(operator.value(), left, operand());
        }
        if (accept("IS")) {
            boolean negated = accept("NOT");
            expect("NULL");
            return negatedIf(negated, operation("isNull", left));
        }
        boolean negated = accept("NOT");
        if (accept("LIKE")) {
            return negatedIf(negated, operation("like", left, pattern()));
        }
        if (accept("BETWEEN")) {
            JsonNode low = operand();
            expect("AND");
            return negatedIf(negated, operation("between", left, low, operand()));
        }
        if (accept("IN")) {
            return negatedIf(negated, operation("in", left, list()));
        }
        if (negated) {
            throw expected("LIKE, BETWEEN or IN after NOT", peek());
        }
        if (left.isBoolean()) {
            return left;
        }
        throw expected("a comparison (=, <>, <, <=, >, >=), IS, LIKE, BETWEEN or IN", peek());
    }

    /** Whether the next tokens are one of {@code names} (case aside) and an opening parenthesis. */
    private boolean startsFunction(Set<String> names) {
        return peek().kind() == Kind.WORD && names.contains(peek().value().toLowerCase(Locale.ROOT))
                && tokens.get(next + 1).is("(");
    }

    /** {@code S_INTERSECTS(geometry, <WKT or BBOX(...)>)} and the other spatial functions, in either order. */
    private JsonNode spatialPredicate() {
        String function = take().value().toLowerCase(Locale.ROOT);
        expect("(");
        JsonNode first = spatialOperand();
        expect(",");
        JsonNode second = first.has("property") ? spatialLiteral() : operand();
        expect(")");
        return operation(function, first, second);
    }

    private JsonNode spatialOperand() {
        Token start = peek();
        String name = start.value().toUpperCase(Locale.ROOT);
        boolean literal = start.kind() == Kind.WORD && (name.equals("BBOX") || GEOMETRY_TYPES.contains(name));
        return literal ? spatialLiteral() : operand();
    }

    /** {@code T_INTERSECTS(datetime, INTERVAL('2024-01-01', '..'))} and the other temporal functions. */
    private JsonNode temporalPredicate() {
        String function = take().value().toLowerCase(Locale.ROOT);
        expect("(");
        JsonNode first = temporalOperand();
        expect(",");
        JsonNode second = temporalOperand();
        expect(")");
        return operation(function, first, second);
    }

    /** {@code A_CONTAINS(instruments, ('msi', 'oli'))} and the other array functions, the list first or second. */
    private JsonNode arrayPredicate() {
        String function = take().value().toLowerCase(Locale.ROOT);
        expect("(");
        JsonNode first = peek().is("(") ? list() : operand();
        expect(",");
        JsonNode second = peek().is("(") ? list() : operand();
        expect(")");
        return operation(function, first, second);
    }

    /** A property, TIMESTAMP, DATE, or {@code INTERVAL(start, end)} of those, of strings or of '..' for an open end. */
    private JsonNode temporalOperand() {
        if (peek().is("INTERVAL") && tokens.get(next + 1).is("(")) {
            next++;
            expect("(");
            ArrayNode ends = JSON.arrayNode().add(operand());
            expect(",");
            ends.add(operand());
            expect(")");
            return JSON.objectNode().set("interval", ends);
        }
        return operand();
    }

    /**
     * {@code BBOX(minx, miny, maxx, maxy)} as {@code {"bbox": [...]}}, or a geometry in well-known
     * text as its GeoJSON: the text from its type to its closing parenthesis goes to JTS whole.
     */
    private JsonNode spatialLiteral() {
        Token type = take();
        String name = type.value().toUpperCase(Locale.ROOT);
        if (type.kind() == Kind.WORD && name.equals("BBOX")) {
            expect("(");
            ArrayNode bbox = JSON.arrayNode().add(operand());
            while (accept(",")) {
                bbox.add(operand());
            }
            expect(")");
            return JSON.objectNode().set("bbox", bbox);
        }
        if (type.kind() != Kind.WORD || !GEOMETRY_TYPES.contains(name)) {
            throw expected("a geometry (POINT, LINESTRING, POLYGON, MULTI..., GEOMETRYCOLLECTION or BBOX)", type);
        }
        while (peek().kind() == Kind.WORD) {
            next++;
        }
        Token open = peek();
        expect("(");
        int depth = 1;
        Token close = open;
        while (depth > 0) {
            close = take();
            if (close.kind() == Kind.END) {
                throw expected("')' closing the " + name + " begun at character " + type.position(), close);
            }
            depth += close.is("(") ? 1 : close.is(")") ? -1 : 0;
        }
        String wellKnownText = text.substring(type.position() - 1, close.position());
        return GeoJsonGeometries.fromWellKnownText(wellKnownText)
                .orElseThrow(() -> problem("the " + name + " is not well-known text", type, ""));
    }

    private JsonNode pattern() {
        Token at = peek();
        JsonNode pattern = operand();
        if (!pattern.isTextual() && !pattern.path("casei").isTextual()) {
            throw expected("a quoted pattern after LIKE", at);
        }
        return pattern;
    }

    /** A list in parentheses, which may be empty (CQL2's array). */
    private ArrayNode list() {
        expect("(");
        ArrayNode values = JSON.arrayNode();
        if (accept(")")) {
            return values;
        }
        values.add(operand());
        while (accept(",")) {
            values.add(operand());
        }
        expect(")");
        return values;
    }

    /** Refuses arithmetic here, where it would otherwise surface as a puzzling "expected ..." further on. */
    private JsonNode operand() {
        JsonNode operand = term();
        Token following = peek();
        if (following.kind() == Kind.SYMBOL && ARITHMETIC.contains(following.value())) {
            throw unsupported("arithmetic ('" + following.value() + "')", following);
        }
        return operand;
    }

    private JsonNode term() {
        Token token = take();
        return switch (token.kind()) {
            case STRING -> JSON.textNode(token.value());
            case NUMBER -> number(token.value(), token);
            case QUOTED_NAME -> property(token);
            case WORD -> word(token);
            case SYMBOL -> signedNumber(token);
            case END -> throw expected(OPERAND, token);
        };
    }

    private JsonNode word(Token word) {
        String keyword = word.value().toUpperCase(Locale.ROOT);
        if (keyword.equals("TRUE") || keyword.equals("FALSE")) {
            return JSON.booleanNode(keyword.equals("TRUE"));
        }
        if (keyword.equals("TIMESTAMP") || keyword.equals("DATE")) {
            return instant(keyword);
        }
        if (keyword.equals("CASEI") && peek().is("(")) {
            next++;
            JsonNode folded = operand();
            expect(")");
            return JSON.objectNode().set("casei", folded);
        }
        if (KEYWORDS.contains(keyword)) {
            throw expected(OPERAND, word);
        }
        if (peek().is("(")) {
            throw unsupported(word.value(), word);
        }
        return property(word);
    }

    /** Only the form is checked: whether the value is a valid date or timestamp is for the caller to say. */
    private JsonNode instant(String keyword) {
        expect("(");
        Token value = take();
        if (value.kind() != Kind.STRING) {
            throw expected("a quoted value in " + keyword + "(...)", value);
        }
        expect(")");
        return JSON.objectNode().put(keyword.toLowerCase(Locale.ROOT), value.value());
    }

    private static JsonNode property(Token name) {
        return JSON.objectNode().put("property", name.value());
    }

    /** A sign is part of a number only when written against it: {@code - 5} is arithmetic, and refused. */
    private JsonNode signedNumber(Token sign) {
        Token digits = peek();
        boolean signed = sign.is("-") || sign.is("+");
        if (signed && digits.kind() == Kind.NUMBER && digits.position() == sign.position() + 1) {
            next++;
            return number(sign.value() + digits.value(), sign);
        }
        throw expected(OPERAND, sign);
    }

    /**
     * Decimals keep the value as written (0.1 stays 0.1, not the nearest double); integers take the
     * node types Jackson reads from CQL2-JSON, so both encodings give the evaluator the same tree.
     */
    private static JsonNode number(String literal, Token at) {
        try {
            if (literal.chars().anyMatch(c -> c == '.' || c == 'e' || c == 'E')) {
                return DecimalNode.valueOf(new BigDecimal(literal));
            }
            BigInteger value = new BigInteger(literal);
            if (value.bitLength() < Integer.SIZE) {
                return JSON.numberNode(value.intValue());
            }
            return value.bitLength() < Long.SIZE ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
        } catch (NumberFormatException outOfRange) {
            throw problem("number " + literal + " out of range", at, "");
        }
    }

    private static ObjectNode operation(String op, JsonNode... args) {
        return JSON.objectNode().put("op", op).set("args", JSON.arrayNode().addAll(List.of(args)));
    }

    private static JsonNode negatedIf(boolean negated, JsonNode predicate) {
        return negated ? operation("not", predicate) : predicate;
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** The next token, staying at the end once there so every error past it can still point at it. */
    private Token take() {
        Token token = peek();
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(String symbolOrKeyword) {
        if (peek().is(symbolOrKeyword)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String symbolOrKeyword) {
        if (!accept(symbolOrKeyword)) {
            throw expected("'" + symbolOrKeyword + "'", peek());
        }
    }

    private static StacProblem expected(String what, Token found) {
        return problem("expected " + what, found, ", found " + found.described());
    }

    private static StacProblem unsupported(String what, Token at) {
        return problem(what, at, " is not supported (" + SUPPORTED + ")");
    }

    private static StacProblem problem(String what, Token at, String details) {
        return StacProblem.badRequest("filter: " + what + " at character " + at.position() + details);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int index = 0;
        while (true) {
            index = skip(text, index, Character::isWhitespace);
            if (index == text.length()) {
                tokens.add(new Token(Kind.END, "", "", index + 1));
                return tokens;
            }
            Token token = tokenAt(text, index);
            tokens.add(token);
            index += token.source().length();
        }
    }

    private static Token tokenAt(String text, int start) {
        char first = text.charAt(start);
        if (Character.isLetter(first) || first == '_') {
            return token(Kind.WORD, text, start, skip(text, start + 1, CqlText::isNameChar));
        }
        if (isDigit(first) || first == '.' && isDigitAt(text, start + 1)) {
            return number(text, start);
        }
        if (first == '\'') {
            return quoted(text, start, Kind.STRING, "string");
        }
        if (first == '"') {
            return quoted(text, start, Kind.QUOTED_NAME, "quoted property name");
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, start)) {
                return token(Kind.SYMBOL, text, start, start + symbol.length());
            }
        }
        throw StacProblem.badRequest("filter: unexpected character '" + first + "' at character " + (start + 1));
    }

    private static boolean isNameChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.';
    }

    /** ASCII only: {@link BigDecimal} would also read other scripts' digits, which CQL2 does not allow. */
    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigitAt(String text, int index) {
        return index < text.length() && isDigit(text.charAt(index));
    }

    private static Token number(String text, int start) {
        int end = skip(text, start, CqlText::isDigit);
        if (end < text.length() && text.charAt(end) == '.') {
            end = skip(text, end + 1, CqlText::isDigit);
        }
        if (end < text.length() && "eE".indexOf(text.charAt(end)) >= 0) {
            int exponent = end + 1 < text.length() && "+-".indexOf(text.charAt(end + 1)) >= 0 ? end + 2 : end + 1;
            if (isDigitAt(text, exponent)) {
                end = skip(text, exponent, CqlText::isDigit);
            }
        }
        return token(Kind.NUMBER, text, start, end);
    }

    private static int skip(String text, int index, IntPredicate accepted) {
        while (index < text.length() && accepted.test(text.charAt(index))) {
            index++;
        }
        return index;
    }

    /**
     * Reads a string or quoted name, where a doubled quote stands for one; in a string, so does a
     * quote after a backslash (CQL2's escapeQuote), and a doubled backslash stays as it is, for a
     * LIKE pattern to read as one backslash.
     */
    private static Token quoted(String text, int start, Kind kind, String what) {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        int index = start + 1;
        while (index < text.length()) {
            char c = text.charAt(index);
            boolean escapes = quote == '\'' && c == '\\' && index + 1 < text.length();
            if (escapes && text.charAt(index + 1) == quote) {
                value.append(quote);
                index += 2;
            } else if (escapes && text.charAt(index + 1) == '\\') {
                value.append("\\\\");
                index += 2;
            } else if (c != quote) {
                value.append(c);
                index++;
            } else if (index + 1 < text.length() && text.charAt(index + 1) == quote) {
                value.append(quote);
                index += 2;
            } else {
                return new Token(kind, value.toString(), text.substring(start, index + 1), start + 1);
            }
        }
        throw StacProblem.badRequest("filter: unterminated " + what + " starting at character " + (start + 1));
    }

    private static Token token(Kind kind, String text, int start, int end) {
        String source = text.substring(start, end);
        return new Token(kind, source, source, start + 1);
    }
}
