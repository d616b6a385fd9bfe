package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.stac.StacPaths;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * A document of the catalog as a client reads it, with its entity tag (ETag): a digest of the
 * document as a whole, so that it changes with whatever the document shows, stored or computed
 * (a collection's extent from its items, an item's assets, an asset's file and its processing),
 * with nothing to bump on each of the writes that change those. Its links are made from the
 * client's Host and X-Forwarded-* headers; the digest is taken of the document with links to one
 * fixed origin instead, so that the same state has the same tag through the gateway and directly.
 */
public record Representation(ObjectNode document, EntityTag tag) {
    private static final StacUrls FIXED_ORIGIN = new StacUrls("https://stac.invalid",
            URI.create("https://stac.invalid" + StacPaths.BASE_PATH));
    /** 128 of SHA-256's bits: no two states of a document come near sharing a tag. */
    private static final int TAG_BYTES = 16;

    /** {@code document} rendered with the client's URLs, tagged by {@link #tag}. */
    public static Representation of(Function<StacUrls, ObjectNode> document, StacUrls urls) {
        return new Representation(document.apply(urls), tag(document));
    }

    /** The tag of {@code document}: the same for every origin its links may be made from. */
    public static EntityTag tag(Function<StacUrls, ObjectNode> document) {
        byte[] rendered = document.apply(FIXED_ORIGIN).toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered);
            return new EntityTag(HexFormat.of().formatHex(digest, 0, TAG_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The answer to a PUT that wrote the document: 201 with its URL if it created it, 200 if it replaced it. */
    public Response written(boolean created, String url) {
        return (created ? Response.created(URI.create(url)) : Response.ok()).entity(document).tag(tag).build();
    }
}
