package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Format readers as the worker's, for tests outside this package that choose the JSON mapper they parse with. */
public final class JsonReaders {
    private JsonReaders() {
    }

    public static FormatReaders parsingWith(ObjectMapper json) {
        FormatReaders readers = new FormatReaders();
        readers.json = json;
        return readers;
    }
}
