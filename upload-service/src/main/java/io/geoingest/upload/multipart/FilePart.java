package io.geoingest.upload.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What an endpoint does with the file part of a multipart form, while the request is still
 * arriving: {@link #store} takes the part's bytes as they come; {@link #discard} undoes a stored
 * part when the rest of the form turns out unusable.
 */
public interface FilePart<T> {

    T store(Optional<String> fileName, InputStream content) throws IOException;

    void discard(T stored);
}
