package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of a next-page link: the key of the last result of the page, so the
 * next page starts right after it (keyset paging, stable while rows are added or removed). It
 * starts with a mark of its own, so that a damaged or made-up cursor is refused instead of read
 * as a key past every row: an empty last page, which tells a client it has seen everything.
 */
public final class Cursor {
    /** The query parameter, and the field of a search body, that carries it. */
    public static final String PARAMETER = "cursor";
    /** Cannot occur in a PostgreSQL text value, so it separates the parts of a key unambiguously. */
    private static final String SEPARATOR = "\u0000";
    private static final String MARK = "page-after";

    private Cursor() {
    }

    public static String encode(String... keyParts) {
        List<String> parts = new ArrayList<>(List.of(MARK));
        parts.addAll(List.of(keyParts));
        byte[] key = String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The key of a cursor made by {@link #encode} with {@code parts} parts; 400 for anything else. */
    public static List<String> decode(String cursor, int parts) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor.trim());
            String key = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            List<String> keyParts = List.of(key.split(SEPARATOR, -1));
            if (keyParts.size() == parts + 1 && keyParts.get(0).equals(MARK)) {
                return keyParts.subList(1, keyParts.size());
            }
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            // answered below, like a cursor of the wrong shape
        }
        throw invalid();
    }

    /** The answer to a cursor that is not one of ours, or not one made for the request it comes with. */
    public static RuntimeException invalid() {
        return StacProblem.badRequest("cursor is not valid: use the next link of a previous page");
    }
}
