package io.geoingest.common.error;

/** The gIQ file API's error body: {@code {"error": "..."}}. */
public record ApiError(String error) {
}
