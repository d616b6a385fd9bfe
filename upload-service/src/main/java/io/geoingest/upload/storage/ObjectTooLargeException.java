package io.geoingest.upload.storage;

/** A stream went over the size it was allowed; nothing of it was kept in storage. */
public class ObjectTooLargeException extends RuntimeException {

    public ObjectTooLargeException(long maxBytes) {
        super("more than " + maxBytes + " bytes", null, false, false);
    }
}
