package io.geoingest.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ItemLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anItemIsCollectionIdDatetimeAndBboxSeparatedByTabs() throws Exception {
        String item = "{\"type\":\"Feature\",\"collection\":\"sentinel-1\",\"id\":\"s1-2024-05-01\","
                + "\"bbox\":[7.0,46.0,8.0,47.0],\"properties\":{\"datetime\":\"2024-05-01T10:30:00Z\"}}";

        assertEquals("sentinel-1\ts1-2024-05-01\t2024-05-01T10:30:00Z\t7.0,46.0,8.0,47.0", ItemLine.of(JSON.readTree(item)));
    }

    @Test
    void aTimeRangeIsShownAsAnIntervalAndMissingValuesAsADash() throws Exception {
        String item = "{\"collection\":\"dem\",\"id\":\"tile-1\",\"properties\":{\"datetime\":null,"
                + "\"start_datetime\":\"2020-01-01T00:00:00Z\",\"end_datetime\":\"2020-12-31T23:59:59Z\"}}";

        assertEquals("dem\ttile-1\t2020-01-01T00:00:00Z/2020-12-31T23:59:59Z\t-", ItemLine.of(JSON.readTree(item)));
        assertEquals("-\tx\t-\t-", ItemLine.of(JSON.readTree("{\"id\":\"x\"}")));
    }
}
