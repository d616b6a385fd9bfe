package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.error.StacProblem;

/** The {@code limit} of a page of results: 100 unless asked otherwise, from 1 to 1000. */
public final class PageLimit {
    public static final int DEFAULT = 100;
    public static final int MAX = 1000;
    private static final String INVALID = "limit must be an integer from 1 to " + MAX;

    private PageLimit() {
    }

    public static int parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return checked(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw StacProblem.badRequest(INVALID);
        }
    }

    public static int of(JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw StacProblem.badRequest(INVALID);
        }
        return checked(value.intValue());
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > MAX) {
            throw StacProblem.badRequest(INVALID);
        }
        return limit;
    }
}
