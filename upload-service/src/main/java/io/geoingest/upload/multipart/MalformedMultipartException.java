package io.geoingest.upload.multipart;

import java.io.IOException;

/** A body that does not follow multipart/form-data (RFC 7578). */
public class MalformedMultipartException extends IOException {

    public MalformedMultipartException(String message) {
        super(message);
    }
}
