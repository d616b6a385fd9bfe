package io.geoingest.cli.stac;

import com.sun.net.httpserver.HttpHandler;
import io.geoingest.cli.LocalServer;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STAC API of one asset {@code c/i/a} and its upload {@code u-1} in one part, with storage
 * beside it, for the client's side of the asset upload guide; a test replaces what it is about.
 */
final class FakeStac implements AutoCloseable {
    static final AssetPath ASSET = new AssetPath("c", "i", "a");
    static final String UPLOAD_ID = "u-1";

    final LocalServer server = new LocalServer();
    final AtomicInteger aborts = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();

    private HttpHandler asset = LocalServer.json(200, "{\"id\": \"a\", \"geoingest:status\": \"COMPLETED\"}");
    private HttpHandler complete = LocalServer.json(200, "{}");
    private HttpHandler storage = exchange -> {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        exchange.getResponseHeaders().set("ETag", "\"e-1\"");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    };
    private HttpHandler upload = LocalServer.json(200, "{\"upload_id\": \"u-1\", \"status\": \"completed\"}");

    FakeStac() {
        server.on(ASSET.path(), exchange -> asset.handle(exchange))
                .on(ASSET.uploads(), exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    LocalServer.answer(exchange, 201, "{\"upload_id\": \"u-1\", \"status\": \"in-progress\", \"urls\":"
                            + " [{\"url\": \"" + server.url() + "/storage/u-1/1\", \"part\": 1}]}");
                })
                .on(ASSET.upload(UPLOAD_ID), exchange -> upload.handle(exchange))
                .on(ASSET.upload(UPLOAD_ID) + "/complete", exchange -> {
                    completions.incrementAndGet();
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    complete.handle(exchange);
                })
                .on(ASSET.upload(UPLOAD_ID) + "/abort", exchange -> {
                    aborts.incrementAndGet();
                    LocalServer.answer(exchange, 200, "{\"upload_id\": \"u-1\", \"status\": \"aborted\"}");
                })
                .on("/storage/", exchange -> storage.handle(exchange));
    }

    FakeStac asset(HttpHandler handler) {
        asset = handler;
        return this;
    }

    FakeStac complete(HttpHandler handler) {
        complete = handler;
        return this;
    }

    FakeStac storage(HttpHandler handler) {
        storage = handler;
        return this;
    }

    FakeStac upload(HttpHandler handler) {
        upload = handler;
        return this;
    }

    String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
