package io.geoingest.upload.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an endpoint does with the file part of a multipart form, while the request is still
 * arriving: {@link #store} takes the part's bytes as they come; {@link #discard} undoes a stored
 * part when the rest of the form turns out unusable.
 */
public interface FilePart<T> {

    /**
     * {@code lengthIfLast} is the content's length if the part is the last of the form, as the
     * request's length tells; the content may turn out shorter (fields after it) or, if the body
     * is closed unusually, up to two bytes longer.
     */
    T store(Optional<String> fileName, InputStream content, OptionalLong lengthIfLast) throws IOException;

    void discard(T stored);
}
