package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.text.WholeNumbers;
import java.math.BigInteger;

/**
 * The {@code limit} of a page of results: 100 unless asked otherwise, at most 1000. STAC API Item
 * Search has a larger limit served as the advertised maximum, not refused, so clients that ask
 * for "everything" in one page still get a page. A page of items or collections also ends once
 * their documents reach {@link #DOCUMENT_BUDGET}.
 */
public final class PageLimit {
    public static final int DEFAULT = 100;
    public static final int MAX = 1000;
    /**
     * The JSON a page of documents holds at most, as stored, beyond the document that reaches it.
     * Documents may be up to 1 MiB each (a detailed footprint, long summaries), and take several
     * times that as trees: a thousand of them on a page ran the service out of memory, for every
     * caller.
     */
    public static final long DOCUMENT_BUDGET = 8L * 1024 * 1024;
    /** What a client is told of {@link #DOCUMENT_BUDGET}, in the API's descriptions. */
    public static final String SHORT_PAGES = " A page ends before `limit` once its documents' JSON reaches "
            + DOCUMENT_BUDGET / (1024 * 1024) + " MiB, with a `next` link to the rest.";
    public static final String INVALID = "limit must be a positive integer (pages hold at most " + MAX + ")";
    /** The parameter as the API documents it; the schema's maximum is the maximum STAC clients read. */
    public static final String DESCRIPTION = "Page size (default " + DEFAULT + "); more than " + MAX
            + " is served as " + MAX;

    private PageLimit() {
    }

    public static int parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return capped(WholeNumbers.parse(value.trim()).orElseThrow(() -> StacProblem.badRequest(INVALID)));
    }

    public static int of(JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT;
        }
        if (!value.isIntegralNumber()) {
            throw StacProblem.badRequest(INVALID);
        }
        return capped(value.bigIntegerValue());
    }

    private static int capped(BigInteger limit) {
        if (limit.signum() < 1) {
            throw StacProblem.badRequest(INVALID);
        }
        return limit.min(BigInteger.valueOf(MAX)).intValueExact();
    }
}
