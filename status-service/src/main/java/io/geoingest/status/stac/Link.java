package io.geoingest.status.stac;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A link of a STAC document. {@code method}, {@code body} and {@code merge} are only set on the
 * {@code next} link of {@code POST /search}, which the client follows with a POST of that body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String rel, String href, String type, String title, String method, JsonNode body, Boolean merge) {

    public static Link of(String rel, String href, String type) {
        return new Link(rel, href, type, null, null, null, null);
    }

    public static Link of(String rel, String href, String type, String title) {
        return new Link(rel, href, type, title, null, null, null);
    }

    /** A link to POST {@code body} to {@code href}; the body is complete, nothing to merge. */
    public static Link post(String rel, String href, String type, JsonNode body) {
        return new Link(rel, href, type, null, "POST", body, false);
    }
}
