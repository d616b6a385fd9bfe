package io.geoingest.worker.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.geo.GeoJsonGeometries;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.worker.catalog.CatalogEntry;
import io.geoingest.worker.catalog.Completion;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.format.Bounds;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.scan.ContentFacts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.jboss.logging.Logger;

/**
 * Turns what the pass found into what is stored: the file's metadata, the summary in the COMPLETED
 * event and the catalog entry. A geometry or acquisition date given at upload wins over the file's
 * own footprint and date.
 */
final class FileDescriptions {
    private static final Logger LOG = Logger.getLogger(FileDescriptions.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The data types the raster extension names. */
    private static final Set<String> RASTER_DATA_TYPES = Set.of("int8", "int16", "int32", "int64", "uint8", "uint16",
            "uint32", "uint64", "float16", "float32", "float64", "cint16", "cint32", "cfloat32", "cfloat64");
    /** A data type of the worker's metadata: its kind (uint, int, float...) and its bits. */
    private static final Pattern SAMPLE_TYPE = Pattern.compile("([a-z]+)([0-9]{1,2})");
    /** More bands than a hyperspectral cube has (a damaged header may say 65,535) are not listed one by one. */
    private static final int MAX_LISTED_BANDS = 1000;

    private FileDescriptions() {
    }

    static Completion describe(Claim claim, ContentFacts facts, SourceType sourceType, String bucket) {
        FormatReport report = facts.format();
        Optional<JsonNode> givenGeometry = claim.givenGeometry();
        Optional<JsonNode> geometry = givenGeometry.or(() -> report.footprint().map(GeoJsonGeometries::toJson))
                .or(() -> report.wgs84Bounds().map(FileDescriptions::boxGeometry));
        Optional<Bounds> bbox = givenGeometry.isPresent()
                ? givenGeometry.flatMap(given -> bounds(claim, given))
                : report.wgs84Bounds();
        Instant datetime = claim.acquisitionDate().or(report::start).orElse(claim.createdAt());
        // a date given at upload is the item's time: the file's own span would make searches miss it
        Optional<Instant> start = claim.acquisitionDate().isPresent() ? Optional.empty()
                : report.start().filter(first -> report.end().filter(first::isBefore).isPresent());
        Optional<Instant> end = start.flatMap(first -> report.end());

        ObjectNode metadata = JSON.objectNode();
        metadata.put("format", report.format().title());
        metadata.put("mediaType", facts.mediaType());
        metadata.put("sourceType", sourceType.name());
        if (claim.sourceType() == SourceType.UNKNOWN && sourceType != SourceType.UNKNOWN) {
            metadata.put("sourceTypeInferred", true);
        }
        if (!report.details().isEmpty()) {
            metadata.set(section(report), report.details());
        }
        bbox.ifPresent(box -> metadata.set("bbox", box.toJson()));
        geometry.ifPresent(footprint -> metadata.set("geometry", footprint));
        if (geometry.isPresent()) {
            metadata.put("geometrySource", givenGeometry.isPresent() ? "upload" : "file");
        }
        metadata.put("datetime", datetime.toString());
        metadata.put("datetimeSource", claim.acquisitionDate().isPresent() ? "upload"
                : report.start().isPresent() ? "file" : "uploaded");
        start.ifPresent(first -> metadata.put("startDatetime", first.toString()));
        end.ifPresent(last -> metadata.put("endDatetime", last.toString()));

        CatalogEntry entry = new CatalogEntry("s3://" + bucket + "/" + claim.objectKey(), geometry, bbox, datetime,
                start, end, itemProperties(claim, report, sourceType), assetFields(report), facts.size());
        return new Completion(facts.checksum(), facts.mediaType(), sourceType, metadata, summary(metadata, report), entry);
    }

    /** The format's own findings go under a key named after the kind of data. */
    private static String section(FormatReport report) {
        if (report.format() == Format.SENTINEL_SAFE || report.format() == Format.LANDSAT_PRODUCT) {
            return "product";
        }
        return switch (report.format().family()) {
            case RASTER -> "raster";
            case VECTOR -> "vector";
            case CZML -> "czml";
            case SCIENTIFIC -> "netcdf";
            case THREE_D -> "tiles3d";
            case VIDEO -> "video";
            default -> "content";
        };
    }

    /** The event's summary: format, type, place, time and the format's headline figures (no lists). */
    private static ObjectNode summary(ObjectNode metadata, FormatReport report) {
        ObjectNode summary = JSON.objectNode();
        summary.set("format", metadata.get("format"));
        summary.set("sourceType", metadata.get("sourceType"));
        if (metadata.has("bbox")) {
            summary.set("bbox", metadata.get("bbox"));
        }
        summary.set("datetime", metadata.get("datetime"));
        report.details().fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getKey().equals("note")) {
                summary.set(field.getKey(), field.getValue());
            }
        });
        return summary;
    }

    private static ObjectNode itemProperties(Claim claim, FormatReport report, SourceType sourceType) {
        ObjectNode properties = JSON.objectNode();
        properties.put("title", claim.originalName());
        properties.put("geoingest:source_type", sourceType.name());
        properties.put("geoingest:format", report.format().title());
        JsonNode details = report.details();
        if (details.has("epsg")) {
            properties.set("proj:epsg", details.get("epsg"));
        }
        if (details.has("bbox") && details.has("epsg")) {
            properties.set("proj:bbox", details.get("bbox"));
        }
        if (details.has("transform") && details.has("epsg")) {
            properties.set("proj:transform", details.get("transform"));
        }
        if (details.has("width") && details.has("height") && report.format().family() == Format.Family.RASTER) {
            properties.putArray("proj:shape").add(details.get("height")).add(details.get("width"));
            // the projection extension requires proj:epsg: null says the image has no EPSG code
            if (!details.has("epsg")) {
                properties.putNull("proj:epsg");
            }
        }
        datacube(details, properties);
        if (report.format() == Format.SENTINEL_SAFE || report.format() == Format.LANDSAT_PRODUCT) {
            satellite(details, properties);
        }
        return properties;
    }

    /**
     * STAC's common metadata of a satellite product (platform, constellation, instruments) and the
     * fields of the extensions that describe such scenes: sat (orbit), view (the sun's angles), eo
     * (cloud cover) and sar (Sentinel-1's mode, polarisations and product type, in the C band).
     */
    private static void satellite(JsonNode details, ObjectNode properties) {
        properties.put("constellation", details.path("mission").asText().toLowerCase(Locale.ROOT));
        if (details.has("platform")) {
            properties.put("platform", details.get("platform").asText().toLowerCase(Locale.ROOT));
        }
        ArrayNode instruments = properties.putArray("instruments");
        details.path("instruments").forEach(instrument -> instruments.add(instrument.asText().toLowerCase(Locale.ROOT)));
        copy(details, "orbitDirection", properties, "sat:orbit_state");
        copy(details, "relativeOrbit", properties, "sat:relative_orbit");
        copy(details, "absoluteOrbit", properties, "sat:absolute_orbit");
        copy(details, "cloudCover", properties, "eo:cloud_cover");
        copy(details, "sunAzimuth", properties, "view:sun_azimuth");
        copy(details, "sunElevation", properties, "view:sun_elevation");
        if (details.has("mode") && details.has("productType")) {
            properties.set("sar:instrument_mode", details.get("mode"));
            properties.put("sar:frequency_band", "C");
            properties.set("sar:polarizations", details.path("polarisations"));
            properties.set("sar:product_type", details.get("productType"));
        }
    }

    /**
     * The datacube extension's {@code cube:dimensions} and {@code cube:variables} of a NetCDF or
     * HDF5 file whose variables name their dimensions: longitude and latitude, or projection
     * coordinates, as spatial x and y with the extent of the file's box in its CRS, its time as temporal, its vertical coordinate as spatial z
     * with its levels and unit, any other dimension as one of type {@code other}, with the extent,
     * values and unit of its coordinate variable where it has one; each listed variable but the coordinate variables (which are dimensions) as
     * data over its dimensions, with its CF long name and units.
     */
    private static void datacube(JsonNode details, ObjectNode properties) {
        JsonNode fileDimensions = details.path("dimensions");
        List<JsonNode> variables = new ArrayList<>();
        details.path("variables").forEach(variable -> {
            if (variable.has("dimensions")) {
                variables.add(variable);
            }
        });
        if (!fileDimensions.isObject() || variables.isEmpty()) {
            return;
        }
        JsonNode axes = details.path("axes");
        JsonNode box = details.path("bbox");
        ObjectNode dimensions = properties.putObject("cube:dimensions");
        fileDimensions.fieldNames().forEachRemaining(name -> {
            ObjectNode dimension = dimensions.putObject(name);
            if (name.equals(axes.path("x").asText(null)) || name.equals(axes.path("y").asText(null))) {
                boolean x = name.equals(axes.path("x").asText(null));
                dimension.put("type", "spatial").put("axis", x ? "x" : "y");
                dimension.putArray("extent").add(box.path(x ? 0 : 1)).add(box.path(x ? 2 : 3));
                dimension.put("reference_system", details.path("epsg").asInt(4326));
            } else if (name.equals(axes.path("time").asText(null))) {
                dimension.put("type", "temporal");
                dimension.putArray("extent").add(details.path("start")).add(details.path("end"));
            } else if (name.equals(axes.path("z").asText(null))) {
                dimension.put("type", "spatial").put("axis", "z");
                describeValues(dimension, details.path("vertical"));
            } else {
                dimension.put("type", "other");
                describeValues(dimension, details.path("coordinates").path(name));
            }
        });
        ObjectNode cubeVariables = properties.putObject("cube:variables");
        for (JsonNode variable : variables) {
            String name = variable.path("name").asText();
            if (variable.path("dimensions").size() == 1 && name.equals(variable.path("dimensions").path(0).asText())) {
                continue;
            }
            ObjectNode described = cubeVariables.putObject(name);
            described.set("dimensions", variable.get("dimensions"));
            described.put("type", "data");
            if (variable.has("longName")) {
                described.set("description", variable.get("longName"));
            }
            if (variable.has("units")) {
                described.set("unit", variable.get("units"));
            }
        }
    }

    /** A dimension's extent, values (when listed) and unit, from its coordinate variable's. */
    private static void describeValues(ObjectNode dimension, JsonNode coordinate) {
        copy(coordinate, "extent", dimension, "extent");
        copy(coordinate, "values", dimension, "values");
        copy(coordinate, "units", dimension, "unit");
    }

    /** The field {@code name} of {@code from}, where it has one, as {@code as} of {@code to}. */
    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.has(name)) {
            to.set(as, from.get(name));
        }
    }

    /**
     * The raster extension's {@code raster:bands} of a raster: each band's data type and the
     * no-data value, scale, offset and unit GDAL wrote.
     */
    private static ObjectNode assetFields(FormatReport report) {
        ObjectNode fields = JSON.objectNode();
        JsonNode details = report.details();
        int bandCount = details.path("bands").asInt(0);
        if (report.format().family() != Format.Family.RASTER || bandCount < 1 || bandCount > MAX_LISTED_BANDS
                || !details.has("dataType")) {
            return fields;
        }
        BandType type = BandType.of(details.get("dataType").asText());
        ArrayNode bands = fields.putArray("raster:bands");
        for (int band = 0; band < bandCount; band++) {
            ObjectNode described = bands.addObject().put("data_type", type.dataType());
            type.bitsPerSample().ifPresent(bits -> described.put("bits_per_sample", bits));
            noData(details.path("noData").asText("")).ifPresent(value -> described.set("nodata", value));
            JsonNode scaling = details.path("bandScaling").path(band);
            if (scaling.isObject()) {
                described.setAll((ObjectNode) scaling);
            }
        }
        return fields;
    }

    /**
     * A band's data type as the raster extension names it: samples of fewer bits than a type it
     * names (a 1-bit mask, GDAL's {@code NBITS=12}, which the metadata calls uint1 and uint12) are
     * stored in the next larger one, whose bits they do not all use ({@code bits_per_sample});
     * {@code other} for a type of no such kind.
     */
    private record BandType(String dataType, OptionalInt bitsPerSample) {
        static BandType of(String sampleType) {
            if (RASTER_DATA_TYPES.contains(sampleType)) {
                return new BandType(sampleType, OptionalInt.empty());
            }
            Matcher kindAndBits = SAMPLE_TYPE.matcher(sampleType);
            if (!kindAndBits.matches()) {
                return new BandType("other", OptionalInt.empty());
            }
            int bits = Integer.parseInt(kindAndBits.group(2));
            return IntStream.of(8, 16, 32, 64).filter(size -> size > bits)
                    .mapToObj(size -> kindAndBits.group(1) + size).filter(RASTER_DATA_TYPES::contains).findFirst()
                    .map(stored -> new BandType(stored, OptionalInt.of(bits)))
                    .orElse(new BandType("other", OptionalInt.empty()));
        }
    }

    /** GDAL's no-data text as the raster extension writes it: a number, or "nan", "inf", "-inf". */
    private static Optional<JsonNode> noData(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("nan") || value.equals("inf") || value.equals("-inf")) {
            return Optional.of(JSON.textNode(value));
        }
        try {
            BigDecimal number = new BigDecimal(value);
            return Optional.of(number.stripTrailingZeros().scale() <= 0
                    ? JSON.numberNode(number.toBigIntegerExact()) : JSON.numberNode(number.doubleValue()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The bounding box as a GeoJSON polygon (a point or line when the box has no area), or for a box
     * across the antimeridian, as RFC 7946 asks, a multipolygon of its parts on either side.
     */
    private static JsonNode boxGeometry(Bounds box) {
        ObjectNode geometry = JSON.objectNode();
        if (box.minX() == box.maxX() && box.minY() == box.maxY()) {
            geometry.put("type", "Point");
            geometry.putArray("coordinates").add(box.minX()).add(box.minY());
            return geometry;
        }
        List<Envelope> halves = new LonLatBox(box.minX(), box.minY(), box.maxX(), box.maxY()).halves();
        if (halves.size() == 1) {
            geometry.put("type", "Polygon");
            addRing(geometry.putArray("coordinates"), halves.get(0));
            return geometry;
        }
        geometry.put("type", "MultiPolygon");
        ArrayNode polygons = geometry.putArray("coordinates");
        halves.forEach(half -> addRing(polygons.addArray(), half));
        return geometry;
    }

    private static void addRing(ArrayNode polygon, Envelope box) {
        ArrayNode ring = polygon.addArray();
        double[][] corners = {
            {box.getMinX(), box.getMinY()}, {box.getMaxX(), box.getMinY()}, {box.getMaxX(), box.getMaxY()},
            {box.getMinX(), box.getMaxY()}, {box.getMinX(), box.getMinY()}};
        for (double[] corner : corners) {
            ring.addArray().add(corner[0]).add(corner[1]);
        }
    }

    private static Optional<Bounds> bounds(Claim claim, JsonNode given) {
        try {
            Geometry geometry = new GeoJsonReader().read(given.isTextual() ? given.asText() : given.toString());
            if (geometry.isEmpty()) {
                return Optional.empty();
            }
            LonLatBox box = LonLatBox.of(geometry);
            return Optional.of(Bounds.of(box));
        } catch (ParseException | RuntimeException e) {
            LOG.warnf("The geometry given with file %s is not a readable GeoJSON geometry (%s); it is kept as given,"
                    + " without a bounding box", claim.fileId(), e.getMessage());
            return Optional.empty();
        }
    }
}
