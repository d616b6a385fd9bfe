package io.geoingest.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes as people write them: {@code 64MiB}, {@code 5M}, {@code 1.5GiB}, {@code 100MB},
 * {@code 4096}. Single letters and IEC units are powers of 1024; {@code KB}, {@code MB},
 * {@code GB}, {@code TB} are powers of 1000, as their standards define them.
 */
public final class ByteSize {
    public static final long KIB = 1024;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", KIB), Map.entry("kib", KIB), Map.entry("kb", 1000L),
            Map.entry("m", MIB), Map.entry("mib", MIB), Map.entry("mb", 1000L * 1000),
            Map.entry("g", GIB), Map.entry("gib", GIB), Map.entry("gb", 1000L * 1000 * 1000),
            Map.entry("t", GIB * 1024), Map.entry("tib", GIB * 1024), Map.entry("tb", 1000L * 1000 * 1000 * 1000));
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    /** The number of bytes {@code text} stands for; fractions of a byte are dropped. */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text == null ? "" : text.trim());
        Long unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 64MiB, 5M, 1.5GiB, 4096)");
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return bytes.longValue();
    }

    /** A size for people: {@code 512 B}, {@code 1.5 KiB}, {@code 64.0 MiB}. */
    public static String format(long bytes) {
        if (bytes < KIB) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
    }

    /** A size as the options take it, exactly: {@code 8MiB}, {@code 1536KiB}, {@code 1000}. */
    public static String exact(long bytes) {
        for (int unit = BINARY_UNITS.length - 1; unit > 0; unit--) {
            long unitBytes = 1L << (10 * unit);
            if (bytes >= unitBytes && bytes % unitBytes == 0) {
                return bytes / unitBytes + BINARY_UNITS[unit];
            }
        }
        return Long.toString(bytes);
    }

    /** Lets options be declared as {@code long} sizes. */
    public static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
