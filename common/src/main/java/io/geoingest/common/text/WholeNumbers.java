package io.geoingest.common.text;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Whole numbers that clients send as text (query parameters, form fields): ASCII digits alone.
 * Java's parsers also take a sign and the digits of every script, so {@code +1}, {@code １} (full
 * width) and {@code ١} (Arabic-Indic) were read as 1, a number the client may not have meant. A
 * leading zero is kept: {@code 007} can only mean 7, and clients that number with a fixed width
 * (part files from {@code split -d}, {@code seq -w}) send it.
 */
public final class WholeNumbers {
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]+");
    private static final int LONG_DIGITS = String.valueOf(Long.MAX_VALUE).length();

    private WholeNumbers() {
    }

    /** {@code text} as a whole number, when it is ASCII digits alone; of any size. */
    public static Optional<BigInteger> parse(String text) {
        return text != null && ASCII_DIGITS.matcher(text).matches() ? Optional.of(new BigInteger(text)) : Optional.empty();
    }

    /**
     * {@code text} as a whole number from {@code min} to {@code max}, when it is ASCII digits alone and in that range.
     * Digits beyond what a long holds are out of range unread: a form field may hold 64 KiB of them,
     * which BigInteger would take time over.
     */
    public static OptionalLong within(String text, long min, long max) {
        if (text != null && text.replaceFirst("^0+", "").length() > LONG_DIGITS) {
            return OptionalLong.empty();
        }
        return parse(text)
                .filter(number -> number.compareTo(BigInteger.valueOf(min)) >= 0 && number.compareTo(BigInteger.valueOf(max)) <= 0)
                .map(number -> OptionalLong.of(number.longValueExact()))
                .orElse(OptionalLong.empty());
    }
}
