package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nginx gateway of the compose file routes like the local gateway, and passes on the address
 * the client called, from which the services build their links.
 */
class ComposeGatewayTest {
    private static final Path CONFIG = Path.of("../compose/gateway.conf").toAbsolutePath().normalize();
    private static final Pattern LOCATION =
            Pattern.compile("location\\s+(=|~)?\\s*(\\S+)\\s*\\{\\s*proxy_pass\\s+\\$(\\w+);");
    private static final Pattern BACKEND = Pattern.compile("set\\s+\\$(\\w+)\\s+http://([a-z-]+):8080;");

    record Location(String modifier, String path, String service) {
    }

    @ParameterizedTest
    @MethodSource("io.geoingest.local.PublicPaths#samples")
    void routesLikeTheGateway(String path) throws IOException {
        assertEquals(Optional.of(Routes.route(path).orElseThrow().moduleName()), backend(path), path);
    }

    @ParameterizedTest
    @MethodSource("io.geoingest.local.PublicPaths#documentation")
    void sendsTheApiDocumentationPathsToTheServicesThatServeThem(String path, String service) throws IOException {
        assertEquals(Optional.of(service), backend(path), path);
    }

    @Test
    void passesOnTheHostAndSchemeTheClientCalled() throws IOException {
        String config = Files.readString(CONFIG);
        assertTrue(config.contains("proxy_set_header X-Forwarded-Host $http_host;"), config);
        assertTrue(config.contains("proxy_set_header X-Forwarded-Proto $scheme;"), config);
        for (String clientsOwn : List.of("X-Forwarded-Port", "X-Forwarded-Ssl", "X-Forwarded-Prefix", "Forwarded")) {
            assertTrue(config.contains("proxy_set_header " + clientsOwn + " \"\";"), clientsOwn + " is dropped");
        }
    }

    /**
     * nginx takes request lines as long as one of its large header buffers (8k by default): the
     * gateway's must hold the 16 KiB the services and the local gateway take (a long file name in
     * generateUploadId's query), and what nginx refuses itself gets JSON, as from the local gateway.
     */
    @Test
    void takesRequestLinesAsLongAsTheServicesDo() throws IOException {
        String config = Files.readString(CONFIG);
        Matcher buffers = Pattern.compile("large_client_header_buffers\\s+\\d+\\s+(\\d+)k;").matcher(config);
        assertTrue(buffers.find(), "large_client_header_buffers is set");
        assertTrue(Integer.parseInt(buffers.group(1)) * 1024 >= Gateway.MAX_REQUEST_LINE, buffers.group());
        for (int status : List.of(400, 414)) {
            Matcher page = Pattern.compile("error_page " + status + " (\\S+);").matcher(config);
            assertTrue(page.find(), "error page for " + status);
            Matcher answer = Pattern.compile("location = " + Pattern.quote(page.group(1))
                    + " \\{\\s*internal;\\s*default_type application/json;\\s*return " + status + " '\\{\"error\":").matcher(config);
            assertTrue(answer.find(), "JSON answer for " + status);
        }
    }

    /** nginx's choice: an exact match, else the first matching regex, else the longest prefix. */
    private static Optional<String> backend(String path) throws IOException {
        List<Location> locations = locations();
        Optional<Location> exact = locations.stream()
                .filter(location -> "=".equals(location.modifier()) && location.path().equals(path)).findFirst();
        Optional<Location> regex = locations.stream()
                .filter(location -> "~".equals(location.modifier()) && Pattern.compile(location.path()).matcher(path).find())
                .findFirst();
        Optional<Location> prefix = locations.stream()
                .filter(location -> location.modifier() == null && path.startsWith(location.path()))
                .max(Comparator.comparingInt(location -> location.path().length()));
        return exact.or(() -> regex).or(() -> prefix).map(Location::service);
    }

    /**
     * A service's name written in proxy_pass is resolved once, when nginx starts: a service container
     * recreated or restarted with another address then got the gateway's 502s until it restarted too.
     * Every location proxies to a variable, which nginx resolves with Docker's DNS at request time.
     */
    @Test
    void asksDockersDnsForTheServicesAtRequestTime() throws IOException {
        String config = Files.readString(CONFIG);
        assertTrue(config.contains("resolver 127.0.0.11 "), "Docker's embedded DNS");
        assertTrue(Pattern.compile("proxy_pass\\s+http").matcher(config).results().findAny().isEmpty(),
                "no service name is written in a proxy_pass");
        assertEquals(Pattern.compile("proxy_pass\\s+\\$").matcher(config).results().count(), locations().size(),
                "every proxying location is one the routing tests see");
    }

    private static List<Location> locations() throws IOException {
        String config = Files.readString(CONFIG);
        java.util.Map<String, String> backends = new java.util.HashMap<>();
        Matcher backend = BACKEND.matcher(config);
        while (backend.find()) {
            backends.put(backend.group(1), backend.group(2));
        }
        Matcher matcher = LOCATION.matcher(config);
        List<Location> locations = new ArrayList<>();
        while (matcher.find()) {
            String service = backends.get(matcher.group(3));
            assertTrue(service != null, "$" + matcher.group(3) + " names a service");
            locations.add(new Location(matcher.group(1), matcher.group(2), service));
        }
        return locations;
    }
}
