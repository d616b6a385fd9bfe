package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.Environment;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network that reaches servers only through a proxy: the client went straight to them, and failed. */
class EnvironmentProxiesTest {
    private static final Proxy CORPORATE = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 3128));

    @TempDir
    Path work;

    @Test
    void callsGoThroughTheProxyTheEnvironmentNamesWithItsCredentials() {
        List<String> seen = new CopyOnWriteArrayList<>();
        String credentials = "Basic " + Base64.getEncoder().encodeToString("ci:p@ss".getBytes(StandardCharsets.UTF_8));
        try (LocalServer proxy = new LocalServer().on("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            seen.add(exchange.getRequestURI() + " " + authorization);
            if (!credentials.equals(authorization)) {
                exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"corp\"");
                LocalServer.answer(exchange, 407, "");
                return;
            }
            LocalServer.answer(exchange, 200, "{\"fileId\": \"42\", \"status\": \"COMPLETED\"}");
        })) {
            String port = proxy.url().substring(proxy.url().lastIndexOf(':') + 1);
            Result result = run(Map.of("GEOINGEST_URL", "http://geoingest.example", "GEOINGEST_API_KEY", "k",
                    "HTTP_PROXY", "http://ci:p%40ss@127.0.0.1:" + port), "status", "42");

            assertEquals(ExitCode.OK, result.exitCode(), result.err());
            assertTrue(result.out().contains("status  COMPLETED"), result.out());
            assertEquals("http://geoingest.example/public/file/status/42 " + credentials, seen.get(seen.size() - 1));
        }
    }

    @Test
    void eachSchemeTakesItsOwnProxyAndTheLowerCaseNameWins() {
        EnvironmentProxies proxies = proxies(Map.of("https_proxy", "proxy.corp:3128", "HTTPS_PROXY", "http://other:1",
                "HTTP_PROXY", "http://plain.corp"));

        assertEquals(List.of(CORPORATE), proxies.select(URI.create("https://giq.ae/public/file/status/42")));
        assertEquals(List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("plain.corp", 80))),
                proxies.select(URI.create("http://giq.ae/")));
    }

    @Test
    void noProxyNamesHostsAndDomainsReachedDirectly() {
        EnvironmentProxies proxies = proxies(Map.of("https_proxy", "http://proxy.corp:3128",
                "no_proxy", " storage.internal, .corp.example,10.0.0.7"));

        for (String direct : new String[] {"https://storage.internal/b", "https://files.storage.internal/b",
            "https://corp.example/", "https://a.corp.example/", "https://10.0.0.7:9000/", "https://localhost:8443/",
            "https://127.0.0.1/", "https://[::1]/"}) {
            assertEquals(List.of(Proxy.NO_PROXY), proxies.select(URI.create(direct)), direct);
        }
        for (String proxied : new String[] {"https://giq.ae/", "https://notstorage.internal/", "https://10.0.0.70/"}) {
            assertEquals(List.of(CORPORATE), proxies.select(URI.create(proxied)), proxied);
        }
        assertEquals(List.of(Proxy.NO_PROXY), proxies(Map.of("HTTPS_PROXY", "proxy.corp:3128", "NO_PROXY", "*"))
                .select(URI.create("https://giq.ae/")));
    }

    @Test
    void aProxyThatIsNoHttpUrlIsAUsageError() {
        Result result = run(Map.of("GEOINGEST_URL", "http://geoingest.example", "GEOINGEST_API_KEY", "k",
                "https_proxy", "socks5://proxy.corp:1080"), "status", "42");

        assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
        assertEquals("geoingest: https_proxy: 'socks5://proxy.corp:1080' is not a proxy URL such as"
                + " http://proxy.example:3128 (the client talks to proxies in plain http only)", result.err().strip());
    }

    private static EnvironmentProxies proxies(Map<String, String> variables) {
        return EnvironmentProxies.of(name -> Optional.ofNullable(variables.get(name))).orElseThrow();
    }

    private Result run(Map<String, String> variables, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(variables, work, Optional.empty(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GeoIngest.run(environment, args));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
