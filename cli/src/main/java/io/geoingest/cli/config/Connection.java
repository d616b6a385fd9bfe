package io.geoingest.cli.config;

import io.geoingest.cli.Environment;
import io.geoingest.cli.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the GeoIngest API is and the key to call it with. The URL comes from the first of: the
 * command-line flag, {@code GEOINGEST_URL}, and the {@link LocalEnv#nearest nearest}
 * {@code .geoingest/local.env} ({@code GEOINGEST_URL}), so that right after
 * {@code deploy/local/run.sh} the client works with no setup anywhere in the checkout. The key
 * comes from the flag, else {@code GEOINGEST_API_KEY}, else that local.env's
 * {@code GEOINGEST_UPLOAD_KEY}, but only when the URL came from the same file: the local suite's
 * key is for the local suite, not for a server named elsewhere.
 *
 * @param apiKey empty for a command that may call without one ({@link KeyUse#IF_GIVEN}) when none is set
 * @param localEnv the local.env the server's URL came from, when it did: the local suite's server
 */
public record Connection(URI baseUrl, Optional<String> apiKey, Optional<Path> localEnv) {
    public static final String URL_VARIABLE = "GEOINGEST_URL";
    public static final String KEY_VARIABLE = "GEOINGEST_API_KEY";
    public static final String LOCAL_KEY_VARIABLE = "GEOINGEST_UPLOAD_KEY";
    private static final String WHERE_LOCAL_ENV_IS = "run in the checkout where you ran deploy/local/run.sh (it writes "
            + LocalEnv.LOCATION + ")";
    private static final String HOW_TO_GIVE_A_KEY = "set " + KEY_VARIABLE + ", or pass --api-key-file FILE";

    /** Whether a command needs an API key: searching the catalog does not, unless the server is closed to callers without one. */
    public enum KeyUse {
        REQUIRED,
        IF_GIVEN
    }

    public static Connection resolve(Optional<String> urlFlag, Optional<String> keyFlag, Environment environment, KeyUse keyUse) {
        Optional<String> givenUrl = urlFlag.filter(value -> !value.isBlank()).or(() -> environment.variable(URL_VARIABLE));
        Optional<String> givenKey = keyFlag.filter(value -> !value.isBlank()).or(() -> environment.variable(KEY_VARIABLE));
        // read only when the URL is missing: a broken local.env must not fail commands that need nothing of it
        Optional<Path> localEnvFile = givenUrl.isPresent() ? Optional.empty() : environment.localEnv();
        Optional<LocalEnv> localEnv = localEnvFile.map(LocalEnv::read);
        String url = givenUrl.or(() -> localEnv.flatMap(values -> values.get(URL_VARIABLE)))
                .orElseThrow(() -> new UsageException("no server URL: pass --url, set " + URL_VARIABLE + ", or "
                        + WHERE_LOCAL_ENV_IS));
        Optional<String> key = givenKey.or(() -> localEnv.flatMap(values -> values.get(LOCAL_KEY_VARIABLE))).map(String::trim);
        if (key.isEmpty() && keyUse == KeyUse.REQUIRED) {
            throw new UsageException(givenUrl.isPresent()
                    ? "no API key for " + url.trim() + ": " + HOW_TO_GIVE_A_KEY + " (a local.env's key goes only to the"
                            + " server that file names)"
                    : "no API key: " + HOW_TO_GIVE_A_KEY + ", or " + WHERE_LOCAL_ENV_IS);
        }
        return new Connection(parseBaseUrl(url), key, localEnvFile);
    }

    /** An absolute http(s) URL, without a trailing slash so paths can be appended. */
    static URI parseBaseUrl(String text) {
        String trimmed = text.trim().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new UsageException("'" + text + "' is not an http(s) URL such as http://127.0.0.1:8080");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("'" + text + "' is not an http(s) URL such as http://127.0.0.1:8080");
        }
    }

    /** The URL of an API path (and query) on this server. */
    public URI resolve(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}
