package io.geoingest.cli.http;

import io.geoingest.cli.UsageException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The proxies the environment names as curl and most tools read them: {@code https_proxy} for
 * https URLs, {@code http_proxy} for http ones (each also upper-case; the lower-case one wins), and
 * {@code no_proxy}, hosts reached directly: comma-separated names, each also standing for the
 * domain's hosts ({@code example.org} and {@code .example.org} both take in
 * {@code files.example.org}), or {@code *} for all. Loopback hosts are always reached directly.
 * The JVM's own proxy settings ({@code -Dhttps.proxyHost}) apply only when none of these is set.
 */
public final class EnvironmentProxies extends ProxySelector {
    private final Optional<ProxyUrl> http;
    private final Optional<ProxyUrl> https;
    private final List<String> direct;

    /** A proxy's address, and the user and password its URL gives. */
    private record ProxyUrl(InetSocketAddress address, Optional<PasswordAuthentication> credentials) {
    }

    private EnvironmentProxies(Optional<ProxyUrl> http, Optional<ProxyUrl> https, List<String> direct) {
        this.http = http;
        this.https = https;
        this.direct = direct;
    }

    /** The proxies that {@code variable} names; none when it names none. */
    public static Optional<EnvironmentProxies> of(Function<String, Optional<String>> variable) {
        Optional<ProxyUrl> http = either(variable, "http_proxy").map(url -> parse("http_proxy", url));
        Optional<ProxyUrl> https = either(variable, "https_proxy").map(url -> parse("https_proxy", url));
        if (http.isEmpty() && https.isEmpty()) {
            return Optional.empty();
        }
        List<String> direct = either(variable, "no_proxy").stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .map(entry -> entry.startsWith("*.") ? entry.substring(2) : entry.startsWith(".") ? entry.substring(1) : entry)
                .filter(entry -> !entry.isEmpty())
                .toList();
        return Optional.of(new EnvironmentProxies(http, https, direct));
    }

    private static Optional<String> either(Function<String, Optional<String>> variable, String lowerCase) {
        return variable.apply(lowerCase).or(() -> variable.apply(lowerCase.toUpperCase(Locale.ROOT)));
    }

    /** {@code http://user:password@proxy:3128}, or without its scheme as curl takes it; port 80 when none is given. */
    private static ProxyUrl parse(String name, String text) {
        String trimmed = text.strip();
        URI url;
        try {
            url = new URI(trimmed.contains("://") ? trimmed : "http://" + trimmed);
        } catch (URISyntaxException e) {
            throw new UsageException(name + ": '" + text + "' is not a proxy URL such as http://proxy.example:3128");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new UsageException(name + ": '" + text + "' is not a proxy URL such as http://proxy.example:3128 (the"
                    + " client talks to proxies in plain http only)");
        }
        Optional<PasswordAuthentication> credentials = Optional.ofNullable(url.getRawUserInfo()).map(userInfo -> {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String password = colon < 0 ? "" : userInfo.substring(colon + 1);
            return new PasswordAuthentication(decode(user), decode(password).toCharArray());
        });
        return new ProxyUrl(InetSocketAddress.createUnresolved(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()),
                credentials);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public List<Proxy> select(URI uri) {
        Optional<ProxyUrl> proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        return proxy.filter(unused -> !reachedDirectly(uri.getHost()))
                .map(chosen -> List.of(new Proxy(Proxy.Type.HTTP, chosen.address())))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    private boolean reachedDirectly(String host) {
        String name = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.") || name.equals("::1")) {
            return true;
        }
        return direct.stream().anyMatch(entry -> entry.equals("*") || name.equals(entry.replaceAll("^\\[|]$", ""))
                || name.endsWith("." + entry));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
        // the request fails with the connection's own error, and is retried as any other
    }

    /** What answers a proxy's demand for credentials (407), when a proxy's URL has them. */
    public Optional<Authenticator> authenticator() {
        if (Stream.of(http, https).flatMap(Optional::stream).allMatch(proxy -> proxy.credentials().isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                // null, as the API asks, for a server's own demand (401): that answer goes to the caller
                return Stream.of(http, https).flatMap(Optional::stream)
                        .filter(proxy -> getRequestorType() == RequestorType.PROXY
                                && proxy.address().getHostString().equalsIgnoreCase(getRequestingHost())
                                && proxy.address().getPort() == getRequestingPort())
                        .flatMap(proxy -> proxy.credentials().stream())
                        .findFirst().orElse(null);
            }
        });
    }
}
