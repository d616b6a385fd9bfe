package io.geoingest.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geoingest.cli.Environment;
import io.geoingest.cli.http.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeoutSettingTest {
    private static final Environment WITH_VARIABLE = environment(Map.of("GEOINGEST_TIMEOUT", "45s"));

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverThirtySeconds() {
        assertEquals(Duration.ofMinutes(2), TimeoutSetting.resolve(Optional.of("2m"), WITH_VARIABLE).answer());
        assertEquals(Duration.ofSeconds(45), TimeoutSetting.resolve(Optional.empty(), WITH_VARIABLE).answer());
        assertEquals(Timeouts.DEFAULT, TimeoutSetting.resolve(Optional.empty(), environment(Map.of())));
    }

    @Test
    void everyWaitGrowsWithTheSetting() {
        Timeouts fourTimesAsPatient = TimeoutSetting.resolve(Optional.of("2m"), environment(Map.of()));

        assertEquals(new Timeouts(Duration.ofMinutes(2), Duration.ofMinutes(4), 2L << 20), fourTimesAsPatient);
        // a 10 GiB completion: 2 min plus 4 s per 8 MiB, about 1 h 27 min (22 min with the default 30s)
        assertEquals(Duration.ofMinutes(2).plusSeconds(4 * 1280), fourTimesAsPatient.answerAfterHandling(10L << 30));
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        for (Map.Entry<String, Duration> written : Map.of("90", Duration.ofSeconds(90), "90s", Duration.ofSeconds(90),
                "1.5m", Duration.ofSeconds(90), "2 min", Duration.ofMinutes(2), "1H", Duration.ofHours(1)).entrySet()) {
            assertEquals(written.getValue(), TimeoutSetting.resolve(Optional.of(written.getKey()), environment(Map.of()))
                    .answer(), written.getKey());
        }
    }

    private static Environment environment(Map<String, String> variables) {
        return new Environment(variables, Path.of("."), Optional.empty(), System.out, System.err, false);
    }
}
