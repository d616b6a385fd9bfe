package io.geoingest.upload.stac;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Does what the spec's Python example does: HTTP Basic with the API key as password for our API,
 * plain PUTs with {@code Content-MD5} to the presigned part URLs.
 */
final class StacUploadClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String apiKey;
    private final AssetRef asset;

    StacUploadClient(String apiKey, AssetRef asset) {
        this.apiKey = apiKey;
        this.asset = asset;
    }

    String uploadsPath() {
        return "/api/stac/v1/collections/" + asset.collection() + "/items/" + asset.item() + "/assets/" + asset.asset()
                + "/uploads";
    }

    RequestSpecification request() {
        return given().auth().preemptive().basic("any-user", apiKey);
    }

    ValidatableResponse start(Object body) {
        return request().contentType(ContentType.JSON).body(body).post(uploadsPath()).then();
    }

    /** An upload of one part, started and its part sent, not completed. */
    record SentUpload(String uploadId, Map<String, Object> part) {
    }

    /** Starts an upload of {@code bytes} as one part and sends that part to storage. */
    SentUpload onePartSent(byte[] bytes) {
        ExtractableResponse<Response> started = start(List.of(bytes), Optional.empty()).statusCode(201).extract();
        return new SentUpload(started.path("upload_id"), putPart(started.path("urls[0].url"), 1, bytes));
    }

    /** Starts an upload of {@code parts}, in order, of one file. */
    ValidatableResponse start(List<byte[]> parts, Optional<String> contentEncoding) {
        return start(body(parts, contentEncoding));
    }

    static Map<String, Object> body(List<byte[]> parts, Optional<String> contentEncoding) {
        List<Map<String, Object>> md5Parts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            md5Parts.add(Map.of("part_number", i + 1, "md5", md5(parts.get(i))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number_parts", parts.size());
        body.put("md5_parts", md5Parts);
        body.put("file:checksum", multihash(concat(parts)));
        contentEncoding.ifPresent(encoding -> body.put("content_encoding", encoding));
        return body;
    }

    ValidatableResponse complete(String uploadId, List<Map<String, Object>> parts) {
        return request().contentType(ContentType.JSON).body(Map.of("parts", parts))
                .post(uploadsPath() + "/" + uploadId + "/complete").then();
    }

    ValidatableResponse abort(String uploadId) {
        return request().post(uploadsPath() + "/" + uploadId + "/abort").then();
    }

    /** PUTs a part as the spec tells clients to; returns the response (ETag header on success). */
    static HttpResponse<String> putPart(String url, byte[] bytes, String contentMd5, Optional<String> contentEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-MD5", contentMd5)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        contentEncoding.ifPresent(encoding -> request.header("Content-Encoding", encoding));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PUTs a part and returns its completion entry {etag, part_number}. */
    static Map<String, Object> putPart(String url, int partNumber, byte[] bytes) {
        HttpResponse<String> response = putPart(url, bytes, md5(bytes), Optional.empty());
        if (response.statusCode() != 200) {
            throw new AssertionError("PUT of part " + partNumber + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String etag = response.headers().firstValue("ETag").orElseThrow();
        return Map.of("etag", etag, "part_number", partNumber);
    }

    static String md5(byte[] bytes) {
        return Base64.getEncoder().encodeToString(digest("MD5", bytes));
    }

    static String multihash(byte[] bytes) {
        return "1220" + HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(part -> part.length).sum();
        byte[] all = new byte[size];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
