package io.geoingest.worker.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.time.StorableDates;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A Landsat Collection 2 product as USGS delivers it: a tar of its bands and metadata files. Where,
 * when and by what it was sensed is in its {@code _MTL.json}, read as the tar streams by in the
 * file's single pass (entries' headers, and that one small entry; the bands go by unread). A tar
 * that holds no such file, or is none, is content of no recognised format, as before.
 */
final class LandsatProduct {
    /** An MTL file is some tens of kilobytes; one beyond this is not read. */
    static final long MAX_METADATA_BYTES = 16 << 20;
    private static final String[] CORNERS = {"UL", "UR", "LR", "LL"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory POINTS = new GeometryFactory();

    private LandsatProduct() {
    }

    /** Whether the file may be one: a tar (POSIX or GNU), by its media type. */
    static boolean mayBe(String mediaType) {
        return mediaType.equals("application/x-tar") || mediaType.equals("application/x-gtar");
    }

    /** Storage faults met here are rethrown by the caller ({@code ObservedStream}), whatever this makes of them. */
    static FormatReport read(InputStream in) {
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && entry.getName().endsWith("_MTL.json")) {
                    if (entry.getSize() > MAX_METADATA_BYTES) {
                        return unreadable(entry.getName() + " holds " + entry.getSize() + " bytes, more than the "
                                + MAX_METADATA_BYTES + " a product's metadata file takes");
                    }
                    return describe(JSON.readTree(BoundedInputStream.builder().setInputStream(tar)
                            .setMaxCount(entry.getSize()).setPropagateClose(false).get()));
                }
            }
        } catch (JsonProcessingException malformed) {
            return unreadable("its _MTL.json is not valid JSON (" + malformed.getOriginalMessage() + ")");
        } catch (IOException | RuntimeException notATar) {
            // a damaged tar, or bytes that only look like one: no product to describe
        }
        return FormatReport.recognised(Format.UNRECOGNISED);
    }

    private static FormatReport describe(JsonNode mtl) {
        JsonNode file = mtl.path("LANDSAT_METADATA_FILE");
        JsonNode image = file.path("IMAGE_ATTRIBUTES");
        JsonNode projection = file.path("PROJECTION_ATTRIBUTES");
        JsonNode contents = file.path("PRODUCT_CONTENTS");
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("mission", "Landsat");
        text(image, "SPACECRAFT_ID").ifPresent(spacecraft -> details.put("platform",
                spacecraft.replace("LANDSAT_", "Landsat-")));
        text(image, "SENSOR_ID").ifPresent(sensor -> {
            ArrayNode instruments = details.putArray("instruments");
            for (String instrument : sensor.split("_")) {
                instruments.add(instrument);
            }
        });
        text(contents, "LANDSAT_PRODUCT_ID").ifPresent(id -> details.put("productId", id));
        text(contents, "PROCESSING_LEVEL").ifPresent(level -> details.put("processingLevel", level));
        text(contents, "COLLECTION_CATEGORY").ifPresent(category -> details.put("collectionCategory", category));
        number(image, "WRS_PATH").ifPresent(path -> details.put("wrsPath", path.intValue()));
        number(image, "WRS_ROW").ifPresent(row -> details.put("wrsRow", row.intValue()));
        number(image, "CLOUD_COVER").filter(cover -> cover >= 0).ifPresent(cover -> details.put("cloudCover", cover));
        number(image, "SUN_AZIMUTH").ifPresent(azimuth -> details.put("sunAzimuth", azimuth));
        number(image, "SUN_ELEVATION").ifPresent(elevation -> details.put("sunElevation", elevation));
        List<Coordinate> outline = new ArrayList<>();
        for (String corner : CORNERS) {
            Optional<Double> latitude = number(projection, "CORNER_" + corner + "_LAT_PRODUCT");
            Optional<Double> longitude = number(projection, "CORNER_" + corner + "_LON_PRODUCT");
            if (latitude.isPresent() && longitude.isPresent() && Math.abs(latitude.get()) <= 90
                    && Math.abs(longitude.get()) <= 180) {
                outline.add(new Coordinate(Wgs84.rounded(longitude.get()), Wgs84.rounded(latitude.get())));
            }
        }
        Optional<Footprint> footprint = outline.size() == CORNERS.length ? Footprint.ofOutline(outline) : Optional.empty();
        Optional<Bounds> bounds = footprint.map(Footprint::bounds);
        if (bounds.isEmpty() && outline.size() == CORNERS.length) {
            // across the antimeridian: the box around the corners, the shorter way round
            bounds = Optional.of(Bounds.of(LonLatBox.of(POINTS.createMultiPointFromCoords(
                    outline.toArray(Coordinate[]::new)))));
        }
        Optional<Instant> sensed = sensed(text(image, "DATE_ACQUIRED"), text(image, "SCENE_CENTER_TIME"));
        return new FormatReport(Format.LANDSAT_PRODUCT, details, bounds, footprint.map(Footprint::outline), sensed,
                sensed, Optional.empty());
    }

    /** The scene centre's time: a date, and a time of day in UTC ("10:14:23.5670000Z", seven decimals). */
    private static Optional<Instant> sensed(Optional<String> date, Optional<String> time) {
        try {
            if (date.isEmpty()) {
                return Optional.empty();
            }
            LocalDate day = LocalDate.parse(date.get());
            LocalTime moment = time.map(text -> LocalTime.parse(text.toUpperCase(Locale.ROOT).replace("Z", "")))
                    .orElse(LocalTime.MIDNIGHT);
            return StorableDates.storable(day.atTime(moment).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode group, String field) {
        JsonNode value = group.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText().trim()) : Optional.empty();
    }

    /** USGS writes numbers as strings in MTL.json ("194", "12.34"). */
    private static Optional<Double> number(JsonNode group, String field) {
        try {
            return text(group, field).map(Double::valueOf).filter(Double::isFinite);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static FormatReport unreadable(String problem) {
        return FormatReport.unreadable(Format.LANDSAT_PRODUCT, "the Landsat product cannot be described: " + problem);
    }
}
