package io.geoingest.upload.multipart;

import java.util.Map;
import java.util.Optional;

/** A multipart form once read: its text fields, and what its file part was stored as, if it had one. */
public record FormContent<T>(Map<String, String> fields, Optional<T> file) {

    public String field(String name) {
        return fields.get(name);
    }
}
