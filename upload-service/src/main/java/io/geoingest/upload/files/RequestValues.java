package io.geoingest.upload.files;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.text.Storable;
import io.geoingest.common.text.WholeNumbers;
import java.util.Optional;
import java.util.function.Function;

/** Values clients send as text (query or form parameters), checked into what the services use. */
public final class RequestValues {
    /** Names longer than this are refused: no file system needs more, and they end up in logs and headers. */
    public static final int MAX_NAME_LENGTH = 1024;

    private RequestValues() {
    }

    /**
     * A parameter a client may send as a form field or in the query: either will do, and both when
     * they agree; two different values are a mistake that no choice between them would put right
     * (a chunk stored as part 1 when part 2 was meant replaces part 1).
     */
    public static Optional<String> formOrQuery(String name, String formValue, String queryValue) {
        return formOrQuery(name, formValue, queryValue, Function.identity());
    }

    /**
     * As {@link #formOrQuery(String, String, String)}, for a value read with {@code parse}: two
     * spellings of one value ({@code image} and {@code IMAGE}, {@code 020} and {@code 20}) agree.
     */
    public static <T> Optional<T> formOrQuery(String name, String formValue, String queryValue, Function<String, T> parse) {
        Optional<String> form = firstGiven(formValue);
        Optional<String> query = firstGiven(queryValue);
        Optional<T> fromForm = form.map(parse);
        Optional<T> fromQuery = query.map(parse);
        if (fromForm.isPresent() && fromQuery.isPresent() && !fromForm.equals(fromQuery)) {
            throw FileApiProblem.badRequest("Bad Request: " + name + " is given twice with different values: '"
                    + form.get() + "' as a form field and '" + query.get() + "' in the query");
        }
        return fromForm.or(() -> fromQuery);
    }

    /** The first value given: a form field wins over a query parameter of the same name. */
    public static Optional<String> firstGiven(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    /** Missing or blank means UNKNOWN; anything else must name a source type, in any case. */
    public static SourceType sourceType(Optional<String> value) {
        return value.map(text -> SourceType.parse(text).orElseThrow(() -> FileApiProblem.badRequest(
                        "Bad Request: unknown sourceType '" + text + "': allowed values are " + SourceType.allowedValues())))
                .orElse(SourceType.UNKNOWN);
    }

    public static long byteCount(String name, String value) {
        return WholeNumbers.within(value.trim(), 0, Long.MAX_VALUE).orElseThrow(() -> FileApiProblem.badRequest(
                "Bad Request: " + name + " must be a whole number of bytes (0 or more), not '" + value + "'"));
    }

    /**
     * The name a client gave a file, kept for display: control characters (which PostgreSQL text
     * and HTTP headers cannot carry), line separators and the characters that reorder text (with
     * which a name could pass for another) are dropped. The object key is made apart from it
     * ({@link io.geoingest.common.storage.ObjectKeys}).
     */
    public static Optional<String> originalName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String cleaned = name.codePoints().filter(codePoint -> !Storable.breaksOrReordersLine(codePoint))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (cleaned.length() > MAX_NAME_LENGTH) {
            throw FileApiProblem.badRequest("Bad Request: the file name is too long: at most " + MAX_NAME_LENGTH + " characters");
        }
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }
}
