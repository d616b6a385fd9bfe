package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Completed files in the STAC catalog: a new item for gIQ uploads, the existing asset for STAC uploads. */
@QuarkusTest
class StacCatalogTest extends PipelineTest {

    @Test
    void completedGeoTiffBecomesAnItemWithADataAssetInTheCollectionOfItsSourceType() {
        FileRecord file = pipeline.storedFixture("geotiff-4326.tif", SourceType.UNKNOWN, row -> {
        });

        FileRecord done = processed(file);
        String collectionId = SourceType.IMAGE.collectionId();
        String itemId = file.id.toString();
        QuarkusTransaction.requiringNew().run(() -> {
            StacCollection collection = StacCollection.findById(collectionId);
            assertNotNull(collection, "the collection is created when missing");
            assertNull(collection.extent, "no extent of its own: the STAC API answers with its items'");
            StacItem item = StacItem.findById(new StacItemId(collectionId, itemId));
            assertNotNull(item, "an item named after the file");
            assertEquals(7.0, item.bboxMinX, 1e-9);
            assertEquals(46.5, item.bboxMinY, 1e-9);
            assertEquals(8.0, item.bboxMaxX, 1e-9);
            assertEquals(47.0, item.bboxMaxY, 1e-9);
            assertEquals("Polygon", item.geometry.path("type").asText());
            assertEquals(file.createdAt.truncatedTo(ChronoUnit.MILLIS), item.datetime.truncatedTo(ChronoUnit.MILLIS),
                    "without a date in the file or at upload, the upload time");
            assertEquals(4326, item.properties.path("proj:epsg").asInt());
            double[] transform = {0.05, 0, 7, 0, -0.05, 47};
            assertEquals(transform.length, item.properties.path("proj:transform").size());
            for (int i = 0; i < transform.length; i++) {
                assertEquals(transform[i], item.properties.path("proj:transform").path(i).asDouble(), 1e-12);
            }
            assertEquals("geotiff-4326.tif", item.properties.path("title").asText());
            assertEquals(file.owner, item.privateOwner, "as private as the file: its owner's");

            StacAsset asset = StacAsset.findById(new StacAssetId(collectionId, itemId, "data"));
            assertEquals("s3://" + TestInfrastructure.BUCKET + "/" + file.objectKey, asset.href);
            assertEquals("image/tiff; application=geotiff; profile=cloud-optimized", asset.type,
                    "the STAC type of a COG");
            assertEquals(done.checksum, asset.checksum);
            assertEquals(file.id, asset.fileId);
            assertArrayEquals(new String[] {"data"}, asset.roles);
        });
    }

    /**
     * A file processed again (its first completion's answer was lost, and the file was queued
     * anew) replaces the item and asset the worker wrote, and keeps what the STAC API added.
     */
    @Test
    void aFileCataloguedAgainUpdatesItsItemAndKeepsWhatOthersAddedToIt() {
        FileRecord file = pipeline.storedFixture("geotiff-4326.tif", SourceType.IMAGE, row -> {
        });
        processed(file);
        String collectionId = SourceType.IMAGE.collectionId();
        String itemId = file.id.toString();
        Instant firstUpdate = QuarkusTransaction.requiringNew().call(() -> {
            StacItem.getEntityManager().createNativeQuery("update stac_item set other_fields = cast(?1 as jsonb),"
                            + " properties = cast('{}' as jsonb) where collection_id = ?2 and id = ?3")
                    .setParameter(1, "{\"links\": [{\"rel\": \"license\", \"href\": \"https://example.com\"}]}")
                    .setParameter(2, collectionId)
                    .setParameter(3, itemId)
                    .executeUpdate();
            FileRecord.update("status = ?1 where id = ?2", FileStatus.QUEUED, file.id);
            return StacItem.<StacItem>findById(new StacItemId(collectionId, itemId)).updatedAt;
        });

        processed(file);
        QuarkusTransaction.requiringNew().run(() -> {
            StacItem item = StacItem.findById(new StacItemId(collectionId, itemId));
            assertEquals("geotiff-4326.tif", item.properties.path("title").asText(), "the worker's properties again");
            assertTrue(item.updatedAt.isAfter(firstUpdate));
            String otherFields = (String) StacItem.getEntityManager()
                    .createNativeQuery("select other_fields::text from stac_item where collection_id = ?1 and id = ?2")
                    .setParameter(1, collectionId)
                    .setParameter(2, itemId)
                    .getSingleResult();
            assertTrue(otherFields.contains("https://example.com"), "the links the STAC API added stay: " + otherFields);
            assertEquals(1L, StacAsset.count("collectionId = ?1 and itemId = ?2", collectionId, itemId));
        });
    }

    /**
     * A Sentinel-1 product's item has STAC's common metadata and the sat and sar extensions' fields,
     * which clients filter scenes by (pystac-client's sar:instrument_mode = 'IW'); a Landsat
     * product's the eo and view fields.
     */
    @Test
    void satelliteProductsItemsCarryTheirPlatformOrbitAndSensorFields() {
        FileRecord file = pipeline.storedFixture("sentinel1-grd.zip", SourceType.SAR, row -> {
        });

        processed(file);
        QuarkusTransaction.requiringNew().run(() -> {
            StacItem item = StacItem.findById(new StacItemId(SourceType.SAR.collectionId(), file.id.toString()));
            assertEquals("sentinel-1a", item.properties.path("platform").asText());
            assertEquals("sentinel-1", item.properties.path("constellation").asText());
            assertEquals("[\"c-sar\"]", item.properties.path("instruments").toString());
            assertEquals("ascending", item.properties.path("sat:orbit_state").asText());
            assertEquals(53800, item.properties.path("sat:absolute_orbit").asInt());
            assertEquals("IW", item.properties.path("sar:instrument_mode").asText());
            assertEquals("C", item.properties.path("sar:frequency_band").asText());
            assertEquals("[\"VV\",\"VH\"]", item.properties.path("sar:polarizations").toString());
            assertEquals("GRD", item.properties.path("sar:product_type").asText());
        });

        FileRecord landsat = pipeline.storedFixture("landsat9-l2sp.tar", SourceType.MULTISPECTRAL, row -> {
        });
        processed(landsat);
        QuarkusTransaction.requiringNew().run(() -> {
            StacItem item = StacItem.findById(new StacItemId(SourceType.MULTISPECTRAL.collectionId(),
                    landsat.id.toString()));
            assertEquals("landsat-9", item.properties.path("platform").asText());
            assertEquals("[\"oli\",\"tirs\"]", item.properties.path("instruments").toString());
            assertEquals(23.45, item.properties.path("eo:cloud_cover").asDouble(), 1e-9);
            assertEquals(58.7654321, item.properties.path("view:sun_elevation").asDouble(), 1e-9);
            assertFalse(item.properties.has("sar:instrument_mode"));
        });
    }

    /** A video is no projected raster: its frame size is no proj:shape, and its item spans its recording. */
    @Test
    void aVideosItemSpansItsRecordingWithoutProjectionFields() {
        FileRecord file = pipeline.storedFixture("video-gps.mp4", SourceType.FULL_MOTION_VIDEO, row -> {
        });

        processed(file);
        QuarkusTransaction.requiringNew().run(() -> {
            StacItem item = StacItem.findById(new StacItemId(SourceType.FULL_MOTION_VIDEO.collectionId(),
                    file.id.toString()));
            assertFalse(item.properties.has("proj:shape"), item.properties::toString);
            assertFalse(item.properties.has("proj:epsg"), item.properties::toString);
            assertEquals(Instant.parse("2024-05-13T08:30:00Z"), item.startDatetime);
            assertEquals(Instant.parse("2024-05-13T08:30:02Z"), item.endDatetime);
        });
    }

    /**
     * The projection extension requires proj:epsg with proj:shape: null says the image has no EPSG
     * code. Its asset lists its bands' data type and no-data value (the raster extension).
     */
    @Test
    void anImageWithoutACrsHasItsShapeANullEpsgCodeAndItsBands() {
        FileRecord file = pipeline.storedFixture("image.png", SourceType.IMAGE, row -> {
        });

        processed(file);
        QuarkusTransaction.requiringNew().run(() -> {
            StacItem item = StacItem.findById(new StacItemId(SourceType.IMAGE.collectionId(), file.id.toString()));
            assertTrue(item.properties.has("proj:epsg") && item.properties.get("proj:epsg").isNull(), item.properties::toString);
            assertEquals(2, item.properties.path("proj:shape").size());
            assertFalse(item.properties.has("proj:bbox"));
            StacAsset asset = StacAsset.findById(new StacAssetId(SourceType.IMAGE.collectionId(), file.id.toString(), "data"));
            assertEquals("[{\"data_type\":\"uint8\"},{\"data_type\":\"uint8\"},{\"data_type\":\"uint8\"}]",
                    asset.properties.path("raster:bands").toString());
        });

        FileRecord withNoData = pipeline.storedFixture("geotiff-4326-sparse-cog.tif", SourceType.IMAGE, row -> {
        });
        processed(withNoData);
        QuarkusTransaction.requiringNew().run(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(SourceType.IMAGE.collectionId(), withNoData.id.toString(), "data"));
            JsonNode bands = asset.properties.path("raster:bands");
            assertEquals(1, bands.size());
            assertEquals("uint8", bands.path(0).path("data_type").asText());
            assertEquals(0, bands.path(0).path("nodata").numberValue());
        });
    }

    /**
     * A NetCDF cube's item describes it with the datacube extension: its dimensions (longitude and
     * latitude spatial, with the extent of its box; time temporal) and its variables over them.
     */
    @Test
    void aNetCdfCubesItemHasItsDimensionsAndVariables() {
        for (String fixture : List.of("temperature-nc4.nc", "temperature-classic.nc")) {
            FileRecord file = pipeline.storedFixture(fixture, SourceType.NETCDF, row -> {
            });

            processed(file);

            QuarkusTransaction.requiringNew().run(() -> {
                StacItem item = StacItem.findById(new StacItemId(SourceType.NETCDF.collectionId(), file.id.toString()));
                JsonNode dimensions = item.properties.path("cube:dimensions");
                assertEquals("spatial", dimensions.path("lon").path("type").asText(), fixture);
                assertEquals("x", dimensions.path("lon").path("axis").asText(), fixture);
                assertEquals("[6.75,8.75]", dimensions.path("lon").path("extent").toString(), fixture);
                assertEquals("y", dimensions.path("lat").path("axis").asText(), fixture);
                assertEquals("[46.25,47.75]", dimensions.path("lat").path("extent").toString(), fixture);
                assertEquals("temporal", dimensions.path("time").path("type").asText(), fixture);
                assertEquals("[\"2024-06-01T00:00:00Z\",\"2024-06-01T06:00:00Z\"]",
                        dimensions.path("time").path("extent").toString(), fixture);
                JsonNode variables = item.properties.path("cube:variables");
                assertEquals(List.of("temperature"), iterable(variables.fieldNames()), fixture);
                assertEquals("[\"time\",\"lat\",\"lon\"]", variables.path("temperature").path("dimensions").toString(),
                        fixture);
                assertEquals("data", variables.path("temperature").path("type").asText(), fixture);
                assertEquals("K", variables.path("temperature").path("unit").asText(), fixture);
            });
        }
    }

    /**
     * A cube on pressure levels has them as its vertical dimension: spatial z, the levels and their
     * unit; a dimension of no known axis, its coordinate variable's values and unit.
     */
    @Test
    void aNetCdfCubeOnLevelsHasAVerticalDimension() {
        FileRecord file = pipeline.storedFixture("levels-nc4.nc", SourceType.NETCDF, row -> {
        });

        processed(file);

        QuarkusTransaction.requiringNew().run(() -> {
            StacItem item = StacItem.findById(new StacItemId(SourceType.NETCDF.collectionId(), file.id.toString()));
            JsonNode level = item.properties.path("cube:dimensions").path("level");
            assertEquals("spatial", level.path("type").asText(), level::toString);
            assertEquals("z", level.path("axis").asText());
            assertEquals("[500.0,1000.0]", level.path("extent").toString());
            assertEquals("[1000.0,850.0,500.0]", level.path("values").toString());
            assertEquals("hPa", level.path("unit").asText());
            assertEquals("[\"time\",\"level\",\"lat\",\"lon\"]",
                    item.properties.path("cube:variables").path("air_temperature").path("dimensions").toString());
            JsonNode band = item.properties.path("cube:dimensions").path("band");
            assertEquals("other", band.path("type").asText(), band::toString);
            assertEquals("[490.0,560.0]", band.path("extent").toString());
            assertEquals("[490.0,560.0]", band.path("values").toString());
            assertEquals("nm", band.path("unit").asText());
        });
    }

    @Test
    void fileUploadedToAStacAssetUpdatesThatAssetAndCreatesNoItem() {
        Target target = stacAsset();
        FileRecord file = pipeline.storedFixture("points.geojson", SourceType.POINT, target::assign);
        target.holds(file);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        QuarkusTransaction.requiringNew().run(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(target.collection, target.item, target.asset));
            assertEquals(done.checksum, asset.checksum);
            assertEquals("application/geo+json", asset.type);
            assertEquals(file.id, asset.fileId);
            assertEquals("COMPLETED", asset.properties.path("geoingest:status").asText());
            assertEquals("kept", asset.properties.path("description").asText(), "other properties stay");
            assertNull(StacItem.findById(new StacItemId(SourceType.POINT.collectionId(), file.id.toString())),
                    "no item of its own");
            assertNull(((StacItem) StacItem.findById(new StacItemId(target.collection, target.item))).privateOwner,
                    "the catalog's item stays shared");
        });
    }

    @Test
    void failedFileOfAStacAssetMarksTheAssetFailedWithTheReason() {
        Target target = stacAsset();
        FileRecord file = pipeline.storedFixture("image-truncated.png", SourceType.IMAGE, target::assign);
        target.holds(file);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.FAILED, done.status);
        QuarkusTransaction.requiringNew().run(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(target.collection, target.item, target.asset));
            assertEquals("FAILED", asset.properties.path("geoingest:status").asText());
            assertEquals(done.failureReason, asset.properties.path("geoingest:reason").asText());
            assertEquals(file.id, asset.fileId);
        });
    }

    @Test
    void anOlderFileOfAnAssetFinishingLastLeavesTheAssetToTheNewerOne() {
        Target target = stacAsset();
        FileRecord older = pipeline.storedFixture("points.geojson", SourceType.POINT, target::assign);
        target.holds(older);
        FileRecord newer = pipeline.storedFixture("features.geojson", SourceType.POINT, target::assign);
        target.holds(newer);

        pipeline.send(Pipeline.eventFor(newer));
        FileRecord newerDone = pipeline.awaitTerminal(newer.id);
        pipeline.send(Pipeline.eventFor(older));
        FileRecord olderDone = pipeline.awaitTerminal(older.id);

        assertEquals(FileStatus.COMPLETED, newerDone.status, () -> "failed with: " + newerDone.failureReason);
        assertEquals(FileStatus.COMPLETED, olderDone.status, () -> "failed with: " + olderDone.failureReason);
        QuarkusTransaction.requiringNew().run(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(target.collection, target.item, target.asset));
            assertEquals(newer.id, asset.fileId, "the asset keeps its latest upload");
            assertEquals(newerDone.checksum, asset.checksum);
        });
    }

    @Test
    void theTypeAnAssetDeclaresStaysWhateverItsFileIsDetectedAs() {
        Target target = stacAsset(Optional.of("application/vnd.example.roads+json"));
        FileRecord file = pipeline.storedFixture("points.geojson", SourceType.POINT, target::assign);
        target.holds(file);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals("application/geo+json", done.contentType);
        QuarkusTransaction.requiringNew().run(() -> assertEquals("application/vnd.example.roads+json",
                StacAsset.<StacAsset>findById(new StacAssetId(target.collection, target.item, target.asset)).type));
    }

    private Target stacAsset() {
        return stacAsset(Optional.empty());
    }

    /** A collection, item and asset as the STAC API creates them before the upload, of the type declared if any. */
    private Target stacAsset(Optional<String> declaredType) {
        Target target = new Target("stac-test-" + UUID.randomUUID(), "item-1", "scene");
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            StacCollection collection = new StacCollection();
            collection.id = target.collection;
            collection.description = "test";
            collection.license = "proprietary";
            collection.properties = json.createObjectNode();
            collection.createdAt = now;
            collection.updatedAt = now;
            collection.persist();
            StacItem item = new StacItem();
            item.collectionId = target.collection;
            item.id = target.item;
            item.properties = json.createObjectNode();
            item.datetime = now;
            item.createdAt = now;
            item.updatedAt = now;
            item.persist();
            StacAsset asset = new StacAsset();
            asset.collectionId = target.collection;
            asset.itemId = target.item;
            asset.id = target.asset;
            asset.type = declaredType.orElse(null);
            ObjectNode properties = json.createObjectNode().put("description", "kept");
            asset.properties = properties;
            asset.createdAt = now;
            asset.updatedAt = now;
            asset.persist();
        });
        return target;
    }

    private record Target(String collection, String item, String asset) {
        void assign(FileRecord row) {
            row.stacCollection = collection;
            row.stacItem = item;
            row.stacAsset = asset;
        }

        /** Points the asset at the file, as the completion of its upload does. */
        void holds(FileRecord file) {
            QuarkusTransaction.requiringNew().run(() -> StacAsset.<StacAsset>findById(new StacAssetId(collection, item, asset))
                    .fileId = file.id);
        }
    }

    /** The file once the worker processed it, COMPLETED. */
    private FileRecord processed(FileRecord file) {
        pipeline.send(Pipeline.eventFor(file));
        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        return done;
    }

    private static <T> List<T> iterable(Iterator<T> each) {
        List<T> all = new ArrayList<>();
        each.forEachRemaining(all::add);
        return all;
    }
}
