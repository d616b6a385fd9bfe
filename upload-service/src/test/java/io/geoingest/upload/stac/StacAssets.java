package io.geoingest.upload.stac;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.testing.AsDatabaseOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.UUID;

/** Catalog rows for tests: a fresh collection with one item that has one asset. */
final class StacAssets {

    private StacAssets() {
    }

    static AssetRef create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        AssetRef ref = new AssetRef("collection-" + suffix, "item-" + suffix, "asset-" + suffix + ".tif");
        AsDatabaseOwner.run(() -> {
            Instant now = Instant.now();
            StacCollection collection = new StacCollection();
            collection.id = ref.collection();
            collection.description = "test collection";
            collection.license = "proprietary";
            collection.properties = JsonNodeFactory.instance.objectNode();
            collection.createdAt = now;
            collection.updatedAt = now;
            collection.persist();
            StacItem item = new StacItem();
            item.collectionId = ref.collection();
            item.id = ref.item();
            item.properties = JsonNodeFactory.instance.objectNode();
            item.createdAt = now;
            item.updatedAt = now;
            item.persist();
            persistAsset(ref, now);
        });
        return ref;
    }

    /** Makes the asset's item private to {@code owner}, as the worker's item of a file uploaded through the file API is. */
    static void makePrivate(AssetRef ref, String owner) {
        AsDatabaseOwner.run(() -> StacItem.<StacItem>findById(new StacItemId(ref.collection(), ref.item())).privateOwner = owner);
    }

    /** The asset's row again, in its item that is still there. */
    static void createAgain(AssetRef ref) {
        AsDatabaseOwner.run(() -> persistAsset(ref, Instant.now()));
    }

    private static void persistAsset(AssetRef ref, Instant now) {
        StacAsset asset = new StacAsset();
        asset.collectionId = ref.collection();
        asset.itemId = ref.item();
        asset.id = ref.asset();
        asset.type = "image/tiff; application=geotiff";
        asset.properties = JsonNodeFactory.instance.objectNode();
        asset.createdAt = now;
        asset.updatedAt = now;
        asset.persist();
    }

    static StacAsset read(AssetRef ref) {
        return QuarkusTransaction.requiringNew().call(() -> StacAsset.<StacAsset>find(
                "collectionId = ?1 and itemId = ?2 and id = ?3", ref.collection(), ref.item(), ref.asset()).firstResult());
    }
}
