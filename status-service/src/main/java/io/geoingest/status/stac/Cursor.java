package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of a next-page link: the key of the last result of the page, so the
 * next page starts right after it (keyset paging, stable while rows are added or removed).
 */
public final class Cursor {
    /** The query parameter, and the field of a search body, that carries it. */
    public static final String PARAMETER = "cursor";
    /** Cannot occur in a PostgreSQL text value, so it separates the parts of a key unambiguously. */
    private static final String SEPARATOR = "\u0000";

    private Cursor() {
    }

    public static String encode(String... keyParts) {
        byte[] key = String.join(SEPARATOR, keyParts).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The key of a cursor made by {@link #encode} with {@code parts} parts; 400 for anything else. */
    public static List<String> decode(String cursor, int parts) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            List<String> keyParts = List.of(key.split(SEPARATOR, -1));
            if (keyParts.size() == parts) {
                return keyParts;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below, like a cursor of the wrong shape
        }
        throw StacProblem.badRequest("cursor is not valid: use the next link of a previous page");
    }
}
