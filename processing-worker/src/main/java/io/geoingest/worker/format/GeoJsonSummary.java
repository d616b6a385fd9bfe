package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;

/** Feature count, geometry types and bounds of a GeoJSON document, one geometry at a time. */
final class GeoJsonSummary {
    private final SortedSet<String> geometryTypes = new TreeSet<>();
    private final Envelope envelope = new Envelope();
    /** The longitudes of every geometry's parts, for the box across the antimeridian when it is smaller. */
    private final LongitudeSpans longitudes = new LongitudeSpans();
    private long featureCount;
    private Optional<LegacyCrs> crs = Optional.empty();

    void countFeature() {
        featureCount++;
    }

    /** The document's {@code crs} member, which GeoJSON before RFC 7946 had. */
    void crs(Optional<LegacyCrs> named) {
        crs = named;
    }

    long featureCount() {
        return featureCount;
    }

    void addGeometry(GeometryScan geometry) throws UnreadableFileException {
        try {
            geometryTypes.add(geometry.check());
        } catch (UnreadableFileException e) {
            throw new UnreadableFileException("invalid GeoJSON: the geometry of feature " + Math.max(1, featureCount)
                    + " cannot be read (" + e.getMessage() + ")", e);
        }
        envelope.expandToInclude(geometry.envelope());
        geometry.addPartsTo(longitudes);
    }

    /** @param format GeoJSON, or a GeoJSON text sequence */
    FormatReport report(String type, Format format) throws UnreadableFileException {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("type", type);
        details.put("featureCount", featureCount);
        ArrayNode types = details.putArray("geometryTypes");
        geometryTypes.forEach(types::add);
        Optional<Bounds> bounds = envelope.isNull() ? Optional.empty() : Optional.of(Bounds.of(envelope));
        Optional<LegacyCrs> projected = crs.filter(named -> !named.isWgs84());
        if (projected.isPresent()) {
            // GeoJSON of 2008 in another CRS, as GDAL and QGIS still write by default: placed by its box.
            int epsg = projected.get().epsg().getAsInt();
            details.put("crs", "EPSG:" + epsg);
            details.put("epsg", epsg);
            Optional<Bounds> wgs84 = bounds.flatMap(box -> Wgs84.fromEpsg(epsg, box));
            bounds.ifPresent(box -> details.set("bbox", box.toJson()));
            wgs84.ifPresent(box -> details.set("bboxWgs84", box.toJson()));
            return new FormatReport(format, details, wgs84, Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (bounds.isPresent()) {
            if (!bounds.get().withinLongitudeLatitude()) {
                throw new UnreadableFileException("invalid GeoJSON: coordinates reach beyond longitude -180..180 and"
                        + " latitude -90..90 (bbox " + bounds.get().toJson() + "); GeoJSON coordinates are WGS84"
                        + " longitude and latitude (RFC 7946): reproject the data to EPSG:4326");
            }
            LonLatBox smallest = longitudes.box(envelope.getMinY(), envelope.getMaxY());
            bounds = Optional.of(new Bounds(smallest.west(), smallest.south(), smallest.east(), smallest.north()));
            details.set("bbox", bounds.get().toJson());
        }
        return new FormatReport(format, details, bounds, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
