package io.geoingest.common.error;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON is taken only as sent, so that a request is never acted on as something the client did not
 * write. A fraction where a field holds a whole number (a part number of 1.5) is a bad request:
 * Jackson would cut it to 1 and act on a part the client never named. So is anything after the
 * document (a body cut and pasted twice, a stray bracket): Jackson would read the first value and
 * drop the rest unseen.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
