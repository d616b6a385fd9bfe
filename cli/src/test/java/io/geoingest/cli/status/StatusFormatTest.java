package io.geoingest.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusFormatTest {

    @Test
    void oneAlignedFieldALineWithReadableTimes() throws Exception {
        String status = """
                {"id": "e098356c", "originalName": "test.png", "status": "COMPLETED", "createdAt": 1706610323613,
                 "size": 2048, "error": null, "metadata": {"width": 2, "bands": [1, 2]}}""";

        assertEquals(String.join(System.lineSeparator(),
                "id            e098356c",
                "originalName  test.png",
                "status        COMPLETED",
                "createdAt     2024-01-30T10:25:23.613Z",
                "size          2048",
                "metadata      {\"width\":2,\"bands\":[1,2]}",
                ""), StatusFormat.fields(new ObjectMapper().readTree(status)));
    }
}
