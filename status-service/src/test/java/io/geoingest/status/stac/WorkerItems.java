package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.JSON;

import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacItem;
import io.geoingest.status.TestFiles;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.TestInfrastructure;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;

/**
 * The item the processing-worker (another module) makes of a file uploaded through the file API:
 * written straight to the database, in the collection it creates when missing, without creator,
 * private to the file's owner.
 */
final class WorkerItems {
    private WorkerItems() {
    }

    /** A COMPLETED file of {@code owner}, catalogued as the worker does. */
    static FileRecord catalogued(String collectionId, String owner) {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.COMPLETED));
        AsDatabaseOwner.run(() -> catalogue(collectionId, file));
        return file;
    }

    /** In the transaction open: item id the file id, a point at (7, 46), asset {@code data} holding the file. */
    static void catalogue(String collectionId, FileRecord file) {
        Instant now = Instant.now();
        Panache.getEntityManager().createNativeQuery("""
                        insert into stac_collection (id, description, license, properties, created_at, updated_at)
                        values (?1, 'Files uploaded to GeoIngest', 'proprietary', cast('{}' as jsonb), ?2, ?2)
                        on conflict (id) do nothing""")
                .setParameter(1, collectionId)
                .setParameter(2, now)
                .executeUpdate();
        StacItem item = new StacItem();
        item.collectionId = collectionId;
        item.id = file.id.toString();
        item.geometry = StacFixtures.point(7, 46);
        item.bboxMinX = 7.0;
        item.bboxMinY = 46.0;
        item.bboxMaxX = 7.0;
        item.bboxMaxY = 46.0;
        item.properties = JSON.createObjectNode();
        item.datetime = now;
        item.privateOwner = file.owner;
        item.createdAt = now;
        item.updatedAt = now;
        item.persist();
        StacAsset asset = new StacAsset();
        asset.collectionId = collectionId;
        asset.itemId = item.id;
        asset.id = "data";
        asset.fileId = file.id;
        asset.href = "s3://" + TestInfrastructure.BUCKET + "/" + file.objectKey;
        asset.type = "image/tiff";
        asset.title = file.originalName;
        asset.roles = new String[] {"data"};
        asset.properties = JSON.createObjectNode().put(StacAsset.STATUS, FileStatus.COMPLETED.name());
        asset.createdAt = now;
        asset.updatedAt = now;
        asset.persist();
    }
}
