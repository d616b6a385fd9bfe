package io.geoingest.cli.config;

import io.geoingest.cli.Environment;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.http.Timeouts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the client waits on a server, from the first of: {@code --timeout}, the environment
 * ({@code GEOINGEST_TIMEOUT}), 30 s. The setting is the wait for an answer; the other bounds of
 * {@link Timeouts} scale with it, so that {@code 2m} also lets a transfer stand still for 4 min and
 * gives a server 4 s for each 8 MiB it stores or joins.
 */
public final class TimeoutSetting {
    public static final String FLAG = "--timeout";
    public static final String VARIABLE = "GEOINGEST_TIMEOUT";
    /** Twice this is how long a status stream may be silent, which must outlast its 15 s between keep-alives. */
    static final Duration SHORTEST = Duration.ofSeconds(10);
    /** A wait longer than a day is no timeout any more; the bound keeps the scaled ones within reason. */
    static final Duration LONGEST = Duration.ofHours(24);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Map<String, Long> SECONDS_PER_UNIT = Map.of("", 1L, "s", 1L, "m", 60L, "min", 60L, "h", 3600L);

    private TimeoutSetting() {
    }

    public static Timeouts resolve(Optional<String> flag, Environment environment) {
        Optional<String> fromFlag = flag.filter(value -> !value.isBlank());
        if (fromFlag.isPresent()) {
            return timeouts(FLAG, fromFlag.get());
        }
        return environment.variable(VARIABLE).map(value -> timeouts(VARIABLE, value)).orElse(Timeouts.DEFAULT);
    }

    private static Timeouts timeouts(String source, String text) {
        Duration answerWait = parse(source, text);
        if (answerWait.compareTo(SHORTEST) < 0 || answerWait.compareTo(LONGEST) > 0) {
            throw new UsageException(source + " must be between 10s and 24h, not " + text.trim());
        }
        return Timeouts.DEFAULT.scaledTo(answerWait);
    }

    /** {@code 45s}, {@code 2m}, {@code 1.5h}, {@code 90} (seconds). */
    private static Duration parse(String source, String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        Long unit = matcher.matches() ? SECONDS_PER_UNIT.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new UsageException(source + ": '" + text.trim() + "' is not a duration (examples: 45s, 2m, 1.5h)");
        }
        BigDecimal millis = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit * 1000));
        // anything beyond a long is far beyond the longest wait
        return Duration.ofMillis(millis.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
    }
}
