package io.geoingest.status.stac.filter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.geoingest.common.error.StacProblem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CqlTextTest {
    /**
     * Reads decimals as exact {@link BigDecimal}s, as the parser makes them, so that trees compare
     * equal; single quotes keep the expected JSON readable in Java strings.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    @Test
    void comparesANamespacedPropertyWithANumber() {
        assertParsesTo("eo:cloud_cover < 10", "{'op':'<','args':[{'property':'eo:cloud_cover'},10]}");
    }

    @Test
    void readsEveryComparisonOperator() {
        for (String op : new String[] {"=", "<>", "<", "<=", ">", ">="}) {
            assertParsesTo("gsd" + op + "2", "{'op':'" + op + "','args':[{'property':'gsd'},2]}");
        }
    }

    @Test
    void joinsAQuotedPropertyAndAStringComparisonWithAnd() {
        assertParsesTo("\"eo:cloud_cover\" <= 10.5 AND platform = 'sentinel-2a'",
                "{'op':'and','args':[{'op':'<=','args':[{'property':'eo:cloud_cover'},10.5]},"
                        + "{'op':'=','args':[{'property':'platform'},'sentinel-2a']}]}");
    }

    @Test
    void negatesAGroupAndReadsIsNotNull() {
        assertParsesTo("NOT (a = 1 OR b = 2) AND c IS NOT NULL",
                "{'op':'and','args':["
                        + "{'op':'not','args':[{'op':'or','args':["
                        + "{'op':'=','args':[{'property':'a'},1]},{'op':'=','args':[{'property':'b'},2]}]}]},"
                        + "{'op':'not','args':[{'op':'isNull','args':[{'property':'c'}]}]}]}");
    }

    @Test
    void readsIsNull() {
        assertParsesTo("properties.datetime IS NULL", "{'op':'isNull','args':[{'property':'properties.datetime'}]}");
    }

    @Test
    void readsInAndNotIn() {
        assertParsesTo("id IN ('a','b')", "{'op':'in','args':[{'property':'id'},['a','b']]}");
        assertParsesTo("proj:code NOT IN (4326, -3857)",
                "{'op':'not','args':[{'op':'in','args':[{'property':'proj:code'},[4326,-3857]]}]}");
    }

    @Test
    void keepsTheAndOfBetweenApartFromTheAndThatFollows() {
        assertParsesTo("x NOT BETWEEN 1 AND 5 AND y = 2",
                "{'op':'and','args':["
                        + "{'op':'not','args':[{'op':'between','args':[{'property':'x'},1,5]}]},"
                        + "{'op':'=','args':[{'property':'y'},2]}]}");
    }

    @Test
    void readsLikeAndNotLike() {
        assertParsesTo("name LIKE 'S2%'", "{'op':'like','args':[{'property':'name'},'S2%']}");
        assertParsesTo("name NOT LIKE 'L_8'",
                "{'op':'not','args':[{'op':'like','args':[{'property':'name'},'L_8']}]}");
    }

    @Test
    void readsTimestampsAndDates() {
        assertParsesTo("datetime > TIMESTAMP('2024-01-01T00:00:00Z')",
                "{'op':'>','args':[{'property':'datetime'},{'timestamp':'2024-01-01T00:00:00Z'}]}");
        assertParsesTo("updated BETWEEN DATE('2024-01-01') AND DATE('2024-12-31')",
                "{'op':'between','args':[{'property':'updated'},{'date':'2024-01-01'},{'date':'2024-12-31'}]}");
    }

    @Test
    void readsBooleansAndKeywordsInAnyCase() {
        assertParsesTo("flag = true and other is not null Or Flag = False",
                "{'op':'or','args':["
                        + "{'op':'and','args':[{'op':'=','args':[{'property':'flag'},true]},"
                        + "{'op':'not','args':[{'op':'isNull','args':[{'property':'other'}]}]}]},"
                        + "{'op':'=','args':[{'property':'Flag'},false]}]}");
    }

    @Test
    void takesABooleanLiteralAsACondition() {
        assertParsesTo("TRUE AND a = 1", "{'op':'and','args':[true,{'op':'=','args':[{'property':'a'},1]}]}");
    }

    @Test
    void undoublesQuotesInStringsAndPropertyNames() {
        assertParsesTo("title = 'it''s'", "{'op':'=','args':[{'property':'title'},\"it's\"]}");
        assertParsesTo("\"my \"\"odd\"\" prop\" = ''",
                "{'op':'=','args':[{'property':'my \"odd\" prop'},'']}");
    }

    /** CQL2's other escaped quote; a doubled backslash stays for LIKE, where it stands for one backslash. */
    @Test
    void readsABackslashedQuoteAndKeepsADoubledBackslash() {
        assertParsesTo("title = 'O\\'Brien'", "{'op':'=','args':[{'property':'title'},\"O'Brien\"]}");
        assertParsesTo("title LIKE 'C:\\\\'", "{'op':'like','args':[{'property':'title'},'C:\\\\\\\\']}");
        assertParsesTo("title LIKE '50\\%'", "{'op':'like','args':[{'property':'title'},'50\\\\%']}");
    }

    @Test
    void readsAQuotedKeywordAsAPropertyName() {
        assertParsesTo("\"and\" = 1", "{'op':'=','args':[{'property':'and'},1]}");
    }

    @Test
    void bindsAndTighterThanOr() {
        assertParsesTo("a = 1 OR b = 2 AND c = 3",
                "{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},"
                        + "{'op':'and','args':[{'op':'=','args':[{'property':'b'},2]},"
                        + "{'op':'=','args':[{'property':'c'},3]}]}]}");
    }

    @Test
    void letsParenthesesOverridePrecedence() {
        assertParsesTo("(a = 1 OR b = 2) AND c = 3",
                "{'op':'and','args':[{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},"
                        + "{'op':'=','args':[{'property':'b'},2]}]},"
                        + "{'op':'=','args':[{'property':'c'},3]}]}");
    }

    @Test
    void flattensAChainOfTheSameOperator() {
        assertParsesTo("a = 1 AND b = 2 AND c = 3",
                "{'op':'and','args':[{'op':'=','args':[{'property':'a'},1]},"
                        + "{'op':'=','args':[{'property':'b'},2]},{'op':'=','args':[{'property':'c'},3]}]}");
        assertParsesTo("a = 1 OR b = 2 OR c = 3",
                "{'op':'or','args':[{'op':'=','args':[{'property':'a'},1]},"
                        + "{'op':'=','args':[{'property':'b'},2]},{'op':'=','args':[{'property':'c'},3]}]}");
    }

    @Test
    void needsNoWhitespaceBetweenTokens() {
        assertParsesTo("a>=1\nAND\t(b<>'x')",
                "{'op':'and','args':[{'op':'>=','args':[{'property':'a'},1]},"
                        + "{'op':'<>','args':[{'property':'b'},'x']}]}");
    }

    @Test
    void readsEveryFormOfNumber() {
        assertParsesTo("n IN (-5, +7, .5, 1.5e3, 2E-2, 12345678901, 123456789012345678901)",
                "{'op':'in','args':[{'property':'n'},"
                        + "[-5, 7, 0.5, 1.5e3, 2E-2, 12345678901, 123456789012345678901]]}");
    }

    @Test
    void keepsDecimalsExactBeyondWhatADoubleHolds() {
        JsonNode value = CqlText.parse("x = 0.1000000000000000000001").get("args").get(1);
        assertEquals(new BigDecimal("0.1000000000000000000001"), value.decimalValue());
    }

    @Test
    void refusesOtherFunctionsPointingAtWhatAnswersThem() {
        StacProblem problem = refused("S_BUFFER(geometry, 5) = 1");
        assertEquals("filter: S_BUFFER at character 1 is not supported (this API offers basic CQL2 with LIKE,"
                + " BETWEEN, IN, the spatial functions (S_INTERSECTS, S_WITHIN...), the temporal functions (T_AFTER,"
                + " T_INTERSECTS...), the array functions (A_CONTAINS...) and CASEI)", problem.getMessage());
    }

    @Test
    void readsCaseiOfPropertiesAndStrings() {
        assertParsesTo("CASEI(platform) LIKE casei('Sentinel%')", """
                {"op": "like", "args": [{"casei": {"property": "platform"}}, {"casei": "Sentinel%"}]}""");
    }

    @Test
    void readsArrayFunctionsWithTheListFirstOrSecond() {
        assertParsesTo("A_CONTAINS(sar:polarizations, ('VV', 'VH')) AND a_overlaps(('msi'), instruments)", """
                {"op": "and", "args": [{"op": "a_contains", "args": [{"property": "sar:polarizations"}, ["VV", "VH"]]},
                  {"op": "a_overlaps", "args": [["msi"], {"property": "instruments"}]}]}""");
        assertParsesTo("A_EQUALS(instruments, ())", "{'op':'a_equals','args':[{'property':'instruments'},[]]}");
    }

    @Test
    void readsEverySpatialFunctionWithTheGeometryOrTheShapeFirst() {
        assertParsesTo("S_WITHIN(geometry, BBOX(7, 46, 8, 47)) OR NOT s_disjoint(geometry, POINT(7 46))", """
                {"op": "or", "args": [{"op": "s_within", "args": [{"property": "geometry"}, {"bbox": [7, 46, 8, 47]}]},
                  {"op": "not", "args": [{"op": "s_disjoint", "args": [{"property": "geometry"},
                    {"type": "Point", "coordinates": [7, 46]}]}]}]}""");
        assertParsesTo("S_CONTAINS(BBOX(7, 46, 8, 47), geometry)", """
                {"op": "s_contains", "args": [{"bbox": [7, 46, 8, 47]}, {"property": "geometry"}]}""");
    }

    @Test
    void readsTemporalFunctionsOfPropertiesInstantsAndIntervals() {
        assertParsesTo("a = 1 AND T_AFTER(datetime, TIMESTAMP('2024-01-01T00:00:00Z'))", """
                {"op": "and", "args": [{"op": "=", "args": [{"property": "a"}, 1]},
                  {"op": "t_after", "args": [{"property": "datetime"}, {"timestamp": "2024-01-01T00:00:00Z"}]}]}""");
        assertParsesTo("t_intersects(INTERVAL(start_datetime, end_datetime), INTERVAL('2024-01-01', '..'))", """
                {"op": "t_intersects", "args": [{"interval": [{"property": "start_datetime"}, {"property": "end_datetime"}]},
                  {"interval": ["2024-01-01", ".."]}]}""");
        assertMessageStartsWith("T_AFTER(datetime)", "filter: expected ','");
        assertMessageStartsWith("T_AFTER(datetime, INTERVAL('2024-01-01'))", "filter: expected ','");
    }

    /** The geometry of well-known text becomes its GeoJSON, as CQL2-JSON writes it. */
    @Test
    void readsSIntersectsOfWellKnownTextOrABbox() {
        JsonNode both = CqlText.parse("S_INTERSECTS(geometry, POINT(7 46.5)) AND eo:cloud_cover < 10");
        assertEquals("and", both.get("op").asText());
        JsonNode intersects = both.get("args").get(0);
        assertEquals("s_intersects", intersects.get("op").asText());
        assertEquals("geometry", intersects.get("args").get(0).get("property").asText());
        JsonNode point = intersects.get("args").get(1);
        assertEquals("Point", point.get("type").asText());
        assertEquals(7, point.get("coordinates").get(0).doubleValue());
        assertEquals(46.5, point.get("coordinates").get(1).doubleValue());
        assertEquals("<", both.get("args").get(1).get("op").asText());
        assertParsesTo("s_intersects(geometry, BBOX(5.9, 45.8, -170, 47.8))", """
                {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [5.9, 45.8, -170, 47.8]}]}""");
        JsonNode polygon = CqlText.parse("S_INTERSECTS(geometry, POLYGON((7 46, 8 46, 8 47, 7 47, 7 46)))")
                .get("args").get(1);
        assertEquals("Polygon", polygon.get("type").asText());
        assertEquals(5, polygon.get("coordinates").get(0).size());
        assertMessageStartsWith("S_INTERSECTS(geometry, POLYGON((7 46, 8 46)))",
                "filter: the POLYGON is not well-known text at character 24");
        assertMessageStartsWith("S_INTERSECTS(geometry, POINT(7 46)", "filter: expected ')'");
        assertMessageStartsWith("S_INTERSECTS(geometry, CIRCLE(7 46 1))", "filter: expected a geometry");
    }

    @Test
    void refusesOtherFunctionsGeometriesAndIntervals() {
        assertMessageStartsWith("name LIKE ACCENTI('s2%')", "filter: ACCENTI at character 11 is not supported");
        assertMessageStartsWith("geometry = POINT(1 2)", "filter: POINT at character 12 is not supported");
        assertMessageStartsWith("datetime = INTERVAL('2024-01-01', '..')",
                "filter: INTERVAL at character 12 is not supported");
    }

    @Test
    void refusesArithmetic() {
        assertMessageStartsWith("a + 1 > 2", "filter: arithmetic ('+') at character 3 is not supported");
        assertMessageStartsWith("a > b * 2", "filter: arithmetic ('*') at character 7 is not supported");
        assertMessageStartsWith("a > 5-3", "filter: arithmetic ('-') at character 6 is not supported");
    }

    @Test
    void refusesAnUnterminatedStringOrName() {
        assertEquals("filter: unterminated string starting at character 9", refused("title = 'abc").getMessage());
        assertEquals("filter: unterminated quoted property name starting at character 1",
                refused("\"eo:cloud_cover < 10").getMessage());
    }

    @Test
    void refusesTrailingText() {
        assertEquals("filter: unexpected 'b' at character 7 after a complete condition", refused("a = 1 b").getMessage());
        assertEquals("filter: unexpected ')' at character 6 after a complete condition", refused("a = 1)").getMessage());
    }

    @Test
    void refusesAnEmptyFilter() {
        assertEquals("filter: is empty", refused("").getMessage());
        assertEquals("filter: is empty", refused(" \t ").getMessage());
    }

    @Test
    void refusesAMissingOperand() {
        assertEquals("filter: expected an operand (property, string, number, TRUE, FALSE, TIMESTAMP or DATE)"
                + " at character 4, found the end of the filter", refused("a =").getMessage());
        assertMessageStartsWith("a = 1 AND", "filter: expected an operand");
        assertEquals("filter: expected an operand (property, string, number, TRUE, FALSE, TIMESTAMP or DATE)"
                + " at character 1, found 'and'", refused("and = 1").getMessage());
    }

    @Test
    void refusesAMissingClosingParenthesis() {
        assertEquals("filter: expected ')' at character 17, found the end of the filter",
                refused("(a = 1 OR b = 2 ").getMessage());
        assertEquals("filter: expected ')' at character 17, found 'c'", refused("id IN ('a', 'b' c)").getMessage());
    }

    @Test
    void refusesIncompletePredicates() {
        assertEquals("filter: expected a comparison (=, <>, <, <=, >, >=), IS, LIKE, BETWEEN or IN"
                + " at character 3, found the end of the filter", refused("a ").getMessage());
        assertEquals("filter: expected LIKE, BETWEEN or IN after NOT at character 7, found '='",
                refused("a NOT = 1").getMessage());
        assertEquals("filter: expected 'NULL' at character 6, found '1'", refused("a IS 1").getMessage());
        assertEquals("filter: expected 'AND' at character 13, found '5'", refused("a BETWEEN 1 5").getMessage());
        assertEquals("filter: expected a quoted pattern after LIKE at character 8, found 'b'",
                refused("a LIKE b").getMessage());
        assertEquals("filter: expected a quoted value in TIMESTAMP(...) at character 15, found '2024'",
                refused("t = TIMESTAMP(2024)").getMessage());
    }

    @Test
    void refusesANumberBeyondWhatADecimalHolds() {
        assertEquals("filter: number 1e99999999999 out of range at character 5", refused("a = 1e99999999999").getMessage());
    }

    @Test
    void refusesCharactersOutsideTheGrammar() {
        assertEquals("filter: unexpected character '!' at character 3", refused("a != 1").getMessage());
    }

    @Test
    void allowsNestingOneHundredDeepAndNoDeeper() {
        assertDoesNotThrow(() -> CqlText.parse("(".repeat(100) + "a = 1" + ")".repeat(100)));
        assertEquals("filter: NOT and parentheses nest deeper than 100 levels at character 101",
                refused("(".repeat(101) + "a = 1" + ")".repeat(101)).getMessage());
        assertMessageStartsWith("NOT ".repeat(101) + "a = 1", "filter: NOT and parentheses nest deeper than 100");
    }

    @Test
    void refusesDeepNestingWithoutExhaustingTheStack() {
        assertMessageStartsWith("(".repeat(100_000) + "a = 1", "filter: NOT and parentheses nest deeper than 100");
    }

    private static void assertParsesTo(String filter, String expectedJson) {
        try {
            assertEquals(MAPPER.readTree(expectedJson), CqlText.parse(filter), filter);
        } catch (JsonProcessingException badExpectation) {
            throw new AssertionError("expected JSON of " + filter + " does not parse", badExpectation);
        }
    }

    private static void assertMessageStartsWith(String filter, String start) {
        String message = refused(filter).getMessage();
        assertTrue(message.startsWith(start), () -> filter + " was refused with: " + message);
    }

    private static StacProblem refused(String filter) {
        StacProblem problem = assertThrows(StacProblem.class, () -> CqlText.parse(filter), filter);
        assertEquals(400, problem.status().getStatusCode(), filter);
        return problem;
    }
}
