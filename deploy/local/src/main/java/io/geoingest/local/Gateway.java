package io.geoingest.local;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.HttpProxy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One base URL for clients: a streaming reverse proxy that sends each path to its service. */
final class Gateway implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static Gateway start(String host, int port, Map<Service, Integer> servicePorts) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(100).setKeepAlive(true));
        Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);
        servicePorts.forEach((service, servicePort) ->
                proxies.put(service, HttpProxy.reverseProxy(client).origin(servicePort, "127.0.0.1")));
        GatewayApiDocs apiDocs = new GatewayApiDocs(client, servicePorts);
        // curl, and many clients, send "Expect: 100-continue" before a large body and wait up to a
        // second for the go-ahead, which the proxy does not pass on: the gateway gives it itself.
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setHandle100ContinueAutomatically(true);
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(request -> {
                    if (!apiDocs.handle(request)) {
                        dispatch(request, proxies);
                    }
                });
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new Gateway(vertx, server);
    }

    private static void dispatch(HttpServerRequest request, Map<Service, HttpProxy> proxies) {
        Optional<Service> target = Routes.route(request.path());
        if (target.isEmpty()) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\": \"Not Found\"}");
            return;
        }
        proxies.get(target.get()).handle(request);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
