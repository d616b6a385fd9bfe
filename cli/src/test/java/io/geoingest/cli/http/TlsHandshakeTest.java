package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.geoingest.cli.Environment;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server whose certificate comes from a private CA: retried as a glitch for a minute, then a line about a handshake. */
class TlsHandshakeTest {
    private static final char[] PASSWORD = "secret".toCharArray();

    @TempDir
    Path work;

    @Test
    void anUntrustedCertificateFailsAtOnceAndSaysHowToTrustIt() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Environment environment = new Environment(Map.of("GEOINGEST_URL", url, "GEOINGEST_API_KEY", "k"), work,
                    Optional.empty(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false);

            int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> GeoIngest.run(environment, "status", "42", "--debug"));

            String said = err.toString(StandardCharsets.UTF_8);
            String lastLine = said.strip().lines().reduce((first, second) -> second).orElse("");
            assertEquals(ExitCode.FAILURE, exitCode);
            assertFalse(said.contains("retry 1"), said);
            assertTrue(lastLine.startsWith("geoingest: status of 42: the TLS handshake with " + url + " failed ("), lastLine);
            assertTrue(lastLine.endsWith("if its certificate comes from a private CA, give the JVM a trust store that holds"
                    + " it: GEOINGEST_CLI_JAVA_OPTS=-Djavax.net.ssl.trustStore=/path/to/truststore.p12"), lastLine);
        } finally {
            server.stop(0);
        }
    }

    /** A key and a certificate no trust store holds, made as a user makes theirs. */
    private SSLContext selfSigned() throws Exception {
        Path keyStore = work.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made the key");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }
}
