package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayTest {

    @Test
    void aClientThatGoesSilentIsDisconnectedAfterTheIdleTimeout() throws Exception {
        int port = freePort();
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, freePort());
        }
        try (Gateway gateway = Gateway.start("127.0.0.1", port, services, Duration.ofMillis(500));
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(10_000);
            client.getOutputStream().write("POST /public/file/upload HTTP/1.1\r\nHost: localhost\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            InputStream in = client.getInputStream();
            assertEquals(-1, in.read(), "the gateway answered a request whose headers never ended");
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waited >= 400 && waited < 5_000, "closed after " + waited + " ms");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
