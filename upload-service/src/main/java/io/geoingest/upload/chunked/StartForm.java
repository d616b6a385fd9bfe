package io.geoingest.upload.chunked;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.upload.multipart.FilePart;
import io.geoingest.upload.multipart.MultipartForm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code fileName} form field of {@code generateUploadId}, from a multipart or URL-encoded
 * body, read here rather than by Quarkus: its form parser let a malformed body (cut short, a
 * percent escape that is not one, an unknown charset, a broken Content-Disposition) through as an
 * exception of its own, answered 500, where the client's mistake is a 400.
 */
final class StartForm {
    static final String FILE_NAME = "fileName";
    private static final String URL_ENCODED = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    /** The form holds one short field; the name in it is at most 1,024 characters, 9 KiB once percent-encoded. */
    private static final int MAX_URL_ENCODED_BYTES = 64 * 1024;

    /** A file part has nothing to say here: its bytes are read past. */
    private static final FilePart<Boolean> IGNORED_FILE = new FilePart<>() {
        @Override
        public Boolean store(Optional<String> fileName, InputStream content, OptionalLong lengthIfLast) throws IOException {
            content.transferTo(OutputStream.nullOutputStream());
            return true;
        }

        @Override
        public void discard(Boolean stored) {
        }
    };

    private StartForm() {
    }

    /** The field's value; empty when the body is no form (a start with the name in the query has none) or lacks it. */
    static Optional<String> fileName(String contentType, InputStream body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
        if (type.startsWith(MULTIPART)) {
            return Optional.ofNullable(MultipartForm.read(contentType, OptionalLong.empty(), body, IGNORED_FILE).field(FILE_NAME));
        }
        if (type.startsWith(URL_ENCODED)) {
            return urlEncodedField(body);
        }
        return Optional.empty();
    }

    private static Optional<String> urlEncodedField(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_URL_ENCODED_BYTES + 1);
        } catch (IOException e) {
            throw FileApiProblem.badRequest("Bad Request: the form could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_URL_ENCODED_BYTES) {
            // the rest of the form may still be arriving: the answer ends the request
            throw FileApiProblem.badRequest("Bad Request: the form is too long: at most " + MAX_URL_ENCODED_BYTES + " bytes")
                    .beforeTheEndOfTheBody();
        }
        Optional<String> fileName = Optional.empty();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equals(FILE_NAME)) {
                if (fileName.isPresent()) {
                    throw MultipartForm.givenTwice(FILE_NAME);
                }
                fileName = Optional.of(equals < 0 ? "" : decoded(pair.substring(equals + 1)));
            }
        }
        return fileName;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FileApiProblem.badRequest("Bad Request: the form is not valid URL-encoded data: " + e.getMessage());
        }
    }
}
