package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.ASSET;
import static io.geoingest.status.stac.StacFixtures.COLLECTION;
import static io.geoingest.status.stac.StacFixtures.ITEM;
import static io.geoingest.status.stac.StacFixtures.JSON;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.box;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.createItem;
import static io.geoingest.status.stac.StacFixtures.item;
import static io.geoingest.status.stac.StacFixtures.put;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.status.TestFiles;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.OpenTransaction;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Uploads in progress to assets that are deleted, alone or with their item or collection, end:
 * aborted in the catalog and gone from storage. Uploads elsewhere carry on. The uploads are
 * started as the upload-service starts them (another module): a row and a multipart upload with
 * a part in storage.
 */
@QuarkusTest
class DeletedAssetUploadsTest {
    private static final S3Client S3 = TestInfrastructure.get().s3Client();
    /** The owner of the uploads whose owner plays no part. */
    private static final String WRITER = "writer";

    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());

    @Inject
    EntityManager entityManager;

    @AfterAll
    static void closeClient() {
        S3.close();
    }

    @Test
    void deletingAnAssetItemOrCollectionAbortsTheUploadsToItsAssetsOnly() {
        String doomed = uniqueId("doomed");
        String kept = uniqueId("kept");
        createCollection(writerKey, doomed);
        createCollection(writerKey, kept);
        Upload toAsset = startUpload(doomed, "a", "data");
        Upload toOtherAssetOfItem = startUpload(doomed, "a", "preview");
        Upload toItem = startUpload(doomed, "b", "data");
        Upload toCollection = startUpload(doomed, "c", "data");
        Upload elsewhere = startUpload(kept, "a", "data");

        as(writerKey).when().delete(ASSET, doomed, "a", "data").then().statusCode(204);
        assertEquals(List.of("aborted", "in-progress"), statuses(toAsset, toOtherAssetOfItem));

        as(writerKey).when().delete(ITEM, doomed, "b").then().statusCode(204);
        assertEquals(List.of("in-progress", "aborted", "in-progress"), statuses(toOtherAssetOfItem, toItem, toCollection));

        as(writerKey).when().delete(COLLECTION, doomed).then().statusCode(204);
        assertEquals(List.of("aborted", "aborted", "in-progress"), statuses(toOtherAssetOfItem, toCollection, elsewhere));

        assertEquals(List.of(elsewhere.key()), multipartUploadsIn(doomed, kept));
    }

    @Test
    void aDeletionThatFailsLeavesTheUploadsAlone() {
        String collection = uniqueId("missing-asset");
        createCollection(writerKey, collection);
        Upload upload = startUpload(collection, "a", "data");

        as(writerKey).when().delete(ASSET, collection, "a", "no-such-asset").then().statusCode(404);
        as(writerKey).when().delete(ITEM, collection, "no-such-item").then().statusCode(404);

        assertEquals(List.of("in-progress"), statuses(upload));
        assertEquals(List.of(upload.key()), multipartUploadsIn(collection));
    }

    /**
     * Another owner's upload in progress stands in the way as its file would once uploaded: a
     * writer who neither started it nor created the item or collection may not end it by removing
     * the asset (the upload ids are listed to anyone), while its own uploader may.
     */
    @Test
    void onlyTheUploaderOrTheCreatorMayEndAnUploadByRemovingItsAsset() {
        String collection = uniqueId("uploading");
        createCollection(writerKey, collection);
        String uploader = "uploader-" + UUID.randomUUID();
        Upload upload = startUpload(collection, "a", "data", uploader);
        String otherWriterKey = TestApiKeys.uploader("other-" + UUID.randomUUID());

        as(otherWriterKey).when().delete(ASSET, collection, "a", "data").then().statusCode(403)
                .body("description", equalTo("Asset data " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE));
        as(otherWriterKey).when().delete(ITEM, collection, "a").then().statusCode(403);
        as(otherWriterKey).when().delete(COLLECTION, collection).then().statusCode(403);
        assertEquals(List.of("in-progress"), statuses(upload));
        assertEquals(List.of(upload.key()), multipartUploadsIn(collection));

        as(TestApiKeys.uploader(uploader)).when().delete(ASSET, collection, "a", "data").then().statusCode(204);
        assertEquals(List.of("aborted"), statuses(upload));
        assertEquals(List.of(), multipartUploadsIn(collection));
    }

    /**
     * The completion marks its upload row, then links the file to the asset; the removal locks the
     * asset's uploads, then locks the asset to check it. Taken in any other order, each would wait
     * for the other.
     */
    @Test
    void anUploadCompletingWhileAnotherUploaderRemovesItsAssetKeepsItsFileInTheCatalog() throws Exception {
        String collection = uniqueId("completing");
        createCollection(writerKey, collection);
        Upload upload = startUpload(collection, "a", "data");
        FileRecord file = TestFiles.file("uploader-" + UUID.randomUUID(), FileStatus.QUEUED);
        file.stacCollection = collection;
        file.stacItem = "a";
        file.stacAsset = "data";
        TestFiles.save(file);
        String thirdKey = TestApiKeys.uploader("third-" + UUID.randomUUID());

        int status = OpenTransaction.whileOpen(
                () -> entityManager.createNativeQuery("update upload set status = 'completed' where id = :id")
                        .setParameter("id", upload.id()).executeUpdate(),
                () -> entityManager.createNativeQuery("update stac_asset set file_id = :file"
                                + " where collection_id = :collection and item_id = 'a' and id = 'data'")
                        .setParameter("file", file.id).setParameter("collection", collection).executeUpdate(),
                () -> as(thirdKey).when().delete(ASSET, collection, "a", "data").then().extract().statusCode());

        assertEquals(403, status);
        assertEquals(List.of("completed"), statuses(upload));
        as(writerKey).when().get(ASSET, collection, "a", "data").then().statusCode(200);
    }

    /**
     * An upload started while its asset, or the item or collection holding it, is removed: the
     * start has inserted its row and locked the asset's, as the upload-service starts one, after
     * the removal locked the asset's uploads and before it deleted the asset. The upload ends with
     * the asset, and the asset made again takes a new upload.
     */
    @ParameterizedTest
    @EnumSource(Removed.class)
    void anUploadStartedWhileItsAssetIsRemovedEndsWithIt(Removed removed) throws Exception {
        String collection = uniqueId("racing");
        createCollection(writerKey, collection);
        createAsset(collection, "a", "data");
        Upload racing = storedUpload(collection, "a", "data");

        int status = OpenTransaction.whileOpen(() -> {
            insertInProgress(racing, WRITER);
            entityManager.createNativeQuery("select 1 from stac_asset"
                            + " where collection_id = :collection and item_id = 'a' and id = 'data' for share")
                    .setParameter("collection", collection).getResultList();
        }, () -> as(writerKey).when().delete(removed.path, removed.pathParams(collection)).then().extract().statusCode());

        assertEquals(204, status);
        assertEquals(List.of("aborted"), statuses(racing));
        assertEquals(List.of(), multipartUploadsIn(collection));
        if (removed == Removed.COLLECTION) {
            createCollection(writerKey, collection);
        }
        Upload again = startUpload(collection, "a", "data");
        assertEquals(List.of(again.id()), uploadsInProgressIn(collection));
    }

    /** What a removal deletes, named by the path of its DELETE below the collection. */
    private enum Removed {
        ASSET(StacFixtures.ASSET, "a", "data"),
        ITEM(StacFixtures.ITEM, "a"),
        COLLECTION(StacFixtures.COLLECTION);

        private final String path;
        private final List<String> idsBelowCollection;

        Removed(String path, String... idsBelowCollection) {
            this.path = path;
            this.idsBelowCollection = List.of(idsBelowCollection);
        }

        Object[] pathParams(String collection) {
            return Stream.concat(Stream.of(collection), idsBelowCollection.stream()).toArray();
        }
    }

    private record Upload(String id, String key, String s3UploadId, String collection, String item, String asset) {
    }

    /** The asset (and its item when new), and an upload to it with one part stored. */
    private Upload startUpload(String collection, String itemId, String asset) {
        return startUpload(collection, itemId, asset, WRITER);
    }

    private Upload startUpload(String collection, String itemId, String asset, String owner) {
        createAsset(collection, itemId, asset);
        Upload upload = storedUpload(collection, itemId, asset);
        AsDatabaseOwner.run(() -> insertInProgress(upload, owner));
        return upload;
    }

    private void createAsset(String collection, String itemId, String asset) {
        if (as(writerKey).when().get(ITEM, collection, itemId).statusCode() == 404) {
            createItem(writerKey, collection, item(itemId, box(7, 46, 8, 47), "2024-05-01T00:00:00Z"));
        }
        put(writerKey, JSON.createObjectNode().put("type", "image/tiff"), ASSET, collection, itemId, asset).statusCode(201);
    }

    /** A multipart upload in storage with its first part sent, under the collection's prefix. */
    private static Upload storedUpload(String collection, String itemId, String asset) {
        String id = UUID.randomUUID().toString();
        String key = collection + "/" + ObjectKeys.forUpload(id, asset);
        String s3UploadId = S3.createMultipartUpload(request -> request.bucket(TestInfrastructure.BUCKET).key(key)).uploadId();
        S3.uploadPart(request -> request.bucket(TestInfrastructure.BUCKET).key(key).uploadId(s3UploadId).partNumber(1),
                RequestBody.fromString("part one"));
        return new Upload(id, key, s3UploadId, collection, itemId, asset);
    }

    /** The upload's row, in the caller's transaction. */
    private void insertInProgress(Upload upload, String owner) {
        Instant now = Instant.now();
        entityManager.createNativeQuery("""
                        insert into upload (id, kind, s3_upload_id, object_key, original_name, owner, status, number_parts,
                                            stac_collection, stac_item, stac_asset, created_at, updated_at)
                        values (:id, 'stac', :s3UploadId, :key, :asset, :owner, 'in-progress', 1,
                                :collection, :item, :asset, :now, :now)""")
                .setParameter("id", upload.id()).setParameter("s3UploadId", upload.s3UploadId())
                .setParameter("key", upload.key()).setParameter("collection", upload.collection())
                .setParameter("item", upload.item()).setParameter("asset", upload.asset()).setParameter("now", now)
                .setParameter("owner", owner).executeUpdate();
    }

    private List<String> uploadsInProgressIn(String collection) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select id from upload where stac_collection = :collection and status = 'in-progress'", String.class)
                .setParameter("collection", collection).getResultList());
    }

    private List<String> statuses(Upload... uploads) {
        return QuarkusTransaction.requiringNew().call(() -> Arrays.stream(uploads)
                .map(upload -> (String) entityManager.createNativeQuery("select status from upload where id = :id")
                        .setParameter("id", upload.id()).getSingleResult())
                .toList());
    }

    /** The keys of the multipart uploads storage holds under these collections' prefixes. */
    private static List<String> multipartUploadsIn(String... collections) {
        return Arrays.stream(collections)
                .flatMap(collection -> S3.listMultipartUploads(request -> request.bucket(TestInfrastructure.BUCKET)
                        .prefix(collection + "/")).uploads().stream())
                .map(MultipartUpload::key)
                .toList();
    }
}
