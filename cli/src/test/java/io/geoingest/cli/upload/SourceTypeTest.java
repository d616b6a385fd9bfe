package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTypeTest {

    /** The CLI checks --source-type itself, so a type the services accept must never be refused here. */
    @Test
    void theCliKnowsTheSourceTypesTheServicesAccept() {
        assertEquals(names(io.geoingest.common.file.SourceType.values()), names(SourceType.values()));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).sorted().toList();
    }
}
