package io.geoingest.cli.stac;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.http.ApiCalls;
import io.geoingest.cli.http.ApiException;
import io.geoingest.cli.http.FileRange;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.progress.Progress;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The STAC API of GeoIngest as method calls: assets, their multipart uploads
 * ({@code ../shared/spec/stac-asset-upload.txt}) and item search.
 */
public final class StacApi {
    public static final String BASE_PATH = "/api/stac/v1";
    
    private final Transport transport;
    private final ApiCalls calls;

    public StacApi(Connection connection, Transport transport, ObjectMapper json) {
        this.transport = transport;
        this.calls = new ApiCalls(connection, transport, json);
    }

    /** The asset's document; an {@link io.geoingest.cli.http.ApiException} 404 when there is no such asset. */
    public JsonNode asset(AssetPath asset) {
        return calls.json("reading asset " + asset, () -> calls.request(asset.path()).GET().build(), JsonNode.class);
    }

    /** Whether the asset's item is there (to the caller: another owner's private item is not). */
    public boolean itemExists(AssetPath asset) {
        try {
            calls.json("reading item " + asset.collection() + "/" + asset.item(),
                    () -> calls.request(asset.itemPath()).GET().build(), JsonNode.class);
            return true;
        } catch (ApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    public record Md5Part(@JsonProperty("part_number") int partNumber, String md5) {
    }

    public record CompletedPart(String etag, @JsonProperty("part_number") int partNumber) {
    }

    public AssetUploadStarted createUpload(AssetPath asset, FileDigests digests, Optional<String> contentEncoding) {
        List<Md5Part> md5Parts = new ArrayList<>();
        for (int number = 1; number <= digests.md5s().size(); number++) {
            md5Parts.add(new Md5Part(number, digests.md5(number)));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("number_parts", md5Parts.size());
        request.put("md5_parts", md5Parts);
        request.put("file:checksum", digests.checksum());
        contentEncoding.ifPresent(encoding -> request.put("content_encoding", encoding));
        byte[] body = calls.write(request);
        // Sent again after the server made the upload, it is refused as "Upload already in progress",
        // and AssetUpload aborts the upload it made before it starts anew.
        return calls.json("creating the upload of " + asset, () -> calls.request(asset.uploads())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), AssetUploadStarted.class, 0,
                Transport.Resending.ALWAYS);
    }

    /** The ids of the asset's uploads in progress, from every page of the list. */
    public List<String> uploadsInProgress(AssetPath asset) {
        List<String> ids = new ArrayList<>();
        URI page = calls.resolve(asset.uploads() + "?status=in-progress");
        while (page != null) {
            URI current = page;
            JsonNode list = calls.json("listing the uploads in progress of " + asset,
                    () -> calls.authorized(HttpRequest.newBuilder(current)).GET().build(), JsonNode.class);
            list.path("uploads").forEach(upload -> ids.add(upload.path("upload_id").asText()));
            page = nextHref(list).map(this::onThisServer).orElse(null);
        }
        return ids;
    }

    /** One upload of the asset, as the API shows it: its part URLs signed again while it is in progress. */
    public AssetUploadStarted upload(AssetPath asset, String uploadId) {
        return calls.json("reading upload " + uploadId + " of " + asset, () -> calls.request(asset.upload(uploadId)).GET().build(),
                AssetUploadStarted.class);
    }

    public void abort(AssetPath asset, String uploadId) {
        calls.json("aborting upload " + uploadId + " of " + asset, () -> calls.request(asset.upload(uploadId) + "/abort")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), JsonNode.class);
    }

    /** Completes the upload of a file of {@code size} bytes, which storage joins from its parts before it answers. */
    public JsonNode complete(AssetPath asset, String uploadId, List<CompletedPart> parts, long size) {
        byte[] body = calls.write(Map.of("parts", parts));
        return calls.json("completing the upload of " + asset, () -> calls.request(asset.upload(uploadId) + "/complete")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), JsonNode.class, size,
                Transport.Resending.ALWAYS);
    }

    /**
     * PUTs one part straight to storage on its presigned URL and returns the ETag storage gave it.
     * The URL carries its own authorization: the API key is not sent to storage.
     */
    public String putPart(String url, int partNumber, String md5, Optional<String> contentEncoding, FileRange part,
            Progress.Transfer transfer) {
        URI target = URI.create(url);
        HttpResponse<InputStream> response = transport.exchange("upload of part " + partNumber, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .header("User-Agent", "geoingest-cli")
                    .header("Content-MD5", md5)
                    .PUT(part.publisher(transfer));
            contentEncoding.ifPresent(encoding -> request.header("Content-Encoding", encoding));
            return request.build();
        }, part.length());
        ApiCalls.discard(response);
        return response.headers().firstValue("ETag")
                .orElseThrow(() -> new CliException("upload of part " + partNumber + ": storage answered without an ETag"));
    }

    /** A page of {@code POST /search} for {@code body}. */
    public JsonNode search(JsonNode body) {
        return post(calls.resolve(BASE_PATH + "/search"), body);
    }

    /** A page that a {@code next} link names. */
    public JsonNode follow(JsonNode link) {
        URI href = onThisServer(link.path("href").asText());
        if ("POST".equalsIgnoreCase(link.path("method").asText("GET"))) {
            return post(href, link.path("body"));
        }
        return calls.json("search", () -> calls.authorized(HttpRequest.newBuilder(href)).GET().build(), JsonNode.class);
    }

    private JsonNode post(URI uri, JsonNode body) {
        byte[] bytes = calls.write(body);
        return calls.json("search", () -> calls.authorized(HttpRequest.newBuilder(uri))
                .header("Content-Type", "application/json")
                .header("Accept", "application/geo+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), JsonNode.class);
    }

    /** The {@code next} link of a page, if there is one. */
    public static Optional<JsonNode> nextLink(JsonNode page) {
        for (JsonNode link : page.path("links")) {
            if ("next".equals(link.path("rel").asText())) {
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nextHref(JsonNode page) {
        return nextLink(page).map(link -> link.path("href").asText()).filter(href -> !href.isBlank());
    }

    /**
     * A link's URL with this client's scheme, host and port: a server behind a proxy may name
     * itself by an address the client cannot reach; the path and query are what the link is about.
     */
    private URI onThisServer(String href) {
        URI link = URI.create(href);
        String pathAndQuery = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        return calls.resolve(pathAndQuery);
    }
}
