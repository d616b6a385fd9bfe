package io.geoingest.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.geoingest.cli.Environment;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.http.RetryPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetrySettingTest {

    @Test
    void theEnvironmentSetsHowOftenARequestIsSentAtMost() {
        assertEquals(1, RetrySetting.resolve(environment(Map.of("GEOINGEST_MAX_ATTEMPTS", "1"))).attempts());
        assertEquals(12, RetrySetting.resolve(environment(Map.of("GEOINGEST_MAX_ATTEMPTS", " 12 "))).attempts());
        assertEquals(RetryPolicy.DEFAULT, RetrySetting.resolve(environment(Map.of())));
    }

    @Test
    void anythingButOneToTwentyIsAUsageErrorNamingTheVariable() {
        for (String wrong : List.of("0", "21", "-1", "three", "1.5", "99999999999")) {
            UsageException refused = assertThrows(UsageException.class,
                    () -> RetrySetting.resolve(environment(Map.of("GEOINGEST_MAX_ATTEMPTS", wrong))), wrong);
            assertEquals("GEOINGEST_MAX_ATTEMPTS must be a whole number from 1 to 20, not " + wrong, refused.getMessage());
        }
    }

    private static Environment environment(Map<String, String> variables) {
        return new Environment(variables, Path.of("."), Optional.empty(), System.out, System.err, false);
    }
}
