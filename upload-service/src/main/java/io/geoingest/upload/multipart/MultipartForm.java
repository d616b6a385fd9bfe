package io.geoingest.upload.multipart;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.limits.UndeclaredBodyLimit.BodyOverLimit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.fileupload.ParameterParser;

/**
 * Reads a {@code multipart/form-data} body as it arrives: text fields are kept, and the one file
 * part goes to a {@link FilePart} as a stream. Quarkus REST's own multipart support scans the body
 * byte by byte and writes every file to disk before the endpoint sees it, which made a 100 MB
 * upload several times slower than storing the same bytes.
 */
public final class MultipartForm {
    private static final String FILE_FIELD = "file";
    private static final String MULTIPART_FORM_DATA = "multipart/form-data";
    /** The form fields of our endpoints are ids, numbers and enum names. */
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_PARTS = 32;
    /** RFC 2046: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY_LENGTH = 70;

    private MultipartForm() {
    }

    /**
     * Reads a body of {@code bodyLength} bytes, when the request says how long it is. A refusal
     * stops the reading where it is made, before the end of the body (a file may still be arriving
     * behind a field given twice), and is answered as such.
     */
    public static <T> FormContent<T> read(String contentType, OptionalLong bodyLength, InputStream body,
            FilePart<T> filePart) {
        try {
            return readParts(contentType, bodyLength, body, filePart);
        } catch (FileApiProblem refused) {
            throw refused.beforeTheEndOfTheBody();
        }
    }

    private static <T> FormContent<T> readParts(String contentType, OptionalLong bodyLength, InputStream body,
            FilePart<T> filePart) {
        PartReader parts = new PartReader(body, boundary(contentType));
        Map<String, String> fields = new HashMap<>();
        Optional<T> file = Optional.empty();
        try {
            int count = 0;
            for (Optional<PartHeaders> next = parts.next(); next.isPresent(); next = parts.next()) {
                if (++count > MAX_PARTS) {
                    throw FileApiProblem.badRequest("Bad Request: the form has more than " + MAX_PARTS + " parts");
                }
                PartHeaders part = next.get();
                if (part.isFile() && FILE_FIELD.equals(part.name())) {
                    if (file.isPresent()) {
                        throw FileApiProblem.badRequest("Bad Request: send one file per request");
                    }
                    OptionalLong lengthIfLast = bodyLength.isPresent()
                            ? parts.contentLengthIfLast(bodyLength.getAsLong()) : OptionalLong.empty();
                    try (InputStream content = parts.content()) {
                        file = Optional.of(filePart.store(part.fileName(), content, lengthIfLast));
                    }
                } else if (!part.isFile()) {
                    if (fields.put(part.name(), text(part.name(), parts.content())) != null) {
                        throw givenTwice(part.name());
                    }
                }
            }
            return new FormContent<>(Map.copyOf(fields), file);
        } catch (BodyOverLimit e) {
            file.ifPresent(filePart::discard);
            throw FileApiProblem.tooLarge(e.getMessage());
        } catch (IOException e) {
            file.ifPresent(filePart::discard);
            throw FileApiProblem.badRequest("Bad Request: the multipart body could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            file.ifPresent(filePart::discard);
            throw e;
        }
    }

    /**
     * A field sent twice is refused rather than one of its values taken: the form would be acted on
     * as something the client may not have meant (a chunk stored as part 3 where it also said 1).
     */
    public static FileApiProblem givenTwice(String name) {
        return FileApiProblem.badRequest("Bad Request: the form field " + name + " is given more than once");
    }

    private static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MULTIPART_FORM_DATA)) {
            throw FileApiProblem.badRequest("Bad Request: the body must be multipart/form-data");
        }
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        String boundary = parser.parse(contentType, ';').get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw FileApiProblem.badRequest("Bad Request: the multipart/form-data content type needs a boundary of 1 to "
                    + MAX_BOUNDARY_LENGTH + " characters");
        }
        return boundary;
    }

    private static String text(String name, InputStream content) throws IOException {
        byte[] value = content.readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw FileApiProblem.badRequest("Bad Request: the form field " + name + " is too long");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
