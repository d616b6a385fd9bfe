package io.geoingest.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    @Test
    void theFiltersBecomeTheSearchBody() {
        SearchQuery query = SearchQuery.of(Optional.of("5.9, 45.8,10.5,47.8"), Optional.of("2024-01-01T00:00:00Z/.."),
                List.of("sentinel-1", " ", "dem"), Optional.of("eo:cloud_cover, -datetime"), Optional.of(" eo:cloud_cover < 10 "));

        assertEquals("{\"bbox\":[5.9,45.8,10.5,47.8],\"datetime\":\"2024-01-01T00:00:00Z/..\","
                + "\"collections\":[\"sentinel-1\",\"dem\"],\"filter-lang\":\"cql2-text\","
                + "\"filter\":\"eo:cloud_cover < 10\",\"sortby\":[{\"field\":\"eo:cloud_cover\",\"direction\":\"asc\"},"
                + "{\"field\":\"datetime\",\"direction\":\"desc\"}],"
                + "\"limit\":50}", query.body(50).toString());
        assertEquals("{\"limit\":1000}", SearchQuery.of(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty()).body(1000).toString());
    }

    @Test
    void aSortIsFieldsEachAfterAnOptionalSign() {
        assertEquals(List.of(new SearchQuery.Sort("properties.datetime", false)), SearchQuery.parseSort("+properties.datetime"));
        assertEquals(List.of(new SearchQuery.Sort("id", false)), SearchQuery.parseSort(" id "));
        assertEquals(List.of(new SearchQuery.Sort("eo:cloud_cover", false), new SearchQuery.Sort("datetime", true)),
                SearchQuery.parseSort("eo:cloud_cover,-datetime"));
        for (String bad : new String[] {"", "-", "datetime,", ",id", "date time"}) {
            assertEquals(SearchQuery.SORTBY_FORMAT, assertThrows(IllegalArgumentException.class,
                    () -> SearchQuery.parseSort(bad)).getMessage(), bad);
        }
    }

    @Test
    void aBboxNeedsFourNumbersWithinTheGlobe() {
        for (String bad : new String[] {"1,2,3", "1,2,3,4,5", "a,b,c,d", "", "7,46,8,"}) {
            assertEquals(SearchQuery.BBOX_FORMAT, assertThrows(IllegalArgumentException.class,
                    () -> SearchQuery.parseBbox(bad)).getMessage(), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchQuery.parseBbox("7,46,200,47"))
                .getMessage().contains("within longitude -180 to 180"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchQuery.parseBbox("7,47,8,46"))
                .getMessage().contains("miny must not be greater than maxy"));
        // Across the antimeridian: minx greater than maxx is a valid box.
        assertEquals(170.0, SearchQuery.parseBbox("170,-10,-170,10")[0]);
    }

    @Test
    void aDatetimeIsAnInstantOrAnIntervalWithAtMostOneOpenEnd() {
        for (String good : new String[] {"2024-05-01T10:30:00Z", "2024-05-01t10:30:00.5+02:00",
                "../2024-06-30T23:59:59Z", "2024-01-01T00:00:00Z/", "2024-01-01T00:00:00Z/2024-02-01T00:00:00Z"}) {
            assertEquals(good, SearchQuery.checkDatetime(good));
        }
        for (String bad : new String[] {"2024-05-01", "yesterday", "../..", "/", "a/b/c",
                "2024-05-01T10:30:00Z/2024-05-01T10:29:00Z", "2024-05-01T10:30:00"}) {
            assertThrows(IllegalArgumentException.class, () -> SearchQuery.checkDatetime(bad), bad);
        }
    }
}
