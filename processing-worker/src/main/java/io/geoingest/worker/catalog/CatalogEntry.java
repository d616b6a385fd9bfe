package io.geoingest.worker.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.worker.format.Bounds;
import java.time.Instant;
import java.util.Optional;

/**
 * A completed file as the STAC catalog shows it.
 *
 * @param href       where the asset's bytes are ({@code s3://bucket/key})
 * @param geometry   the footprint in WGS84 (GeoJSON), from the upload or from the file
 * @param bbox       the footprint's bounding box
 * @param datetime   the acquisition date given at upload, or the file's own date, or when it was uploaded
 * @param properties further item properties (title, projection...)
 * @param assetFields further fields of the file's asset (its raster bands)
 */
public record CatalogEntry(
        String href,
        Optional<JsonNode> geometry,
        Optional<Bounds> bbox,
        Instant datetime,
        Optional<Instant> start,
        Optional<Instant> end,
        ObjectNode properties,
        ObjectNode assetFields,
        long size) {
}
