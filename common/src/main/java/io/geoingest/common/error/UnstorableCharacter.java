package io.geoingest.common.error;

import java.util.Set;

/**
 * PostgreSQL stores no U+0000 character: it refuses one in text (SQL state 22021) and in jsonb
 * (22P05). Only a client puts that character in an id, a name or a document, so the refusal
 * answers the client's request with a 400, not a server error.
 */
public final class UnstorableCharacter {
    public static final String MESSAGE = "Bad Request: the request holds the character U+0000, which cannot be stored";
    private static final Set<String> REFUSALS = Set.of("22021", "22P05");

    private UnstorableCharacter() {
    }

    /** Whether the database refused the failure's statement for holding that character. */
    public static boolean refused(Throwable failure) {
        return DatabaseRefusals.refusedWith(failure, REFUSALS);
    }
}
