package io.geoingest.status.download;

import io.geoingest.common.file.FileNames;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The {@code Content-Disposition} a download is served with, so that browsers and tools save it
 * under its original name. Names that a plain quoted {@code filename} cannot carry (non-ASCII,
 * quotes, slashes) also get the RFC 5987 {@code filename*} form, which current clients prefer,
 * next to a readable ASCII approximation for the others.
 */
final class ContentDisposition {
    private static final String ATTR_CHAR_PUNCTUATION = "!#$&+-.^_`|~";
    /**
     * File systems keep names of at most 255 bytes, so a longer name could not be saved anyway; and
     * the header travels inside the signed URL, which storage refuses beyond a few kilobytes (a
     * name of 1,000 CJK characters made a 16 KB URL).
     */
    private static final int MAX_NAME_BYTES = 255;

    private ContentDisposition() {
    }

    static String attachment(String originalName) {
        String fileName = FileNames.shortened(originalName, MAX_NAME_BYTES);
        String fallback = asciiFallback(fileName);
        String header = "attachment; filename=\"" + fallback + "\"";
        if (!fallback.equals(fileName)) {
            header += "; filename*=UTF-8''" + extendedValue(fileName);
        }
        return header;
    }

    /** Accents dropped (é becomes e), anything else outside plain printable ASCII replaced by {@code _}. */
    private static String asciiFallback(String fileName) {
        String withoutAccents = Normalizer.normalize(fileName, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        StringBuilder fallback = new StringBuilder(withoutAccents.length());
        withoutAccents.codePoints().forEach(c -> fallback.append(plainFileNameChar(c) ? (char) c : '_'));
        return fallback.isEmpty() ? "download" : fallback.toString();
    }

    /** Characters that need no escaping in a quoted filename and that no client reads as a path or an escape. */
    private static boolean plainFileNameChar(int c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != '%';
    }

    /** RFC 5987 ext-value: UTF-8 bytes, percent-encoded except for attr-char. */
    private static String extendedValue(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
