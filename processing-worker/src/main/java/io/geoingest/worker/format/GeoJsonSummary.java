package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Feature count, geometry types, bounds and the hull around the positions of a GeoJSON document,
 * one geometry at a time.
 */
final class GeoJsonSummary {
    private static final Set<String> POINT_TYPES = Set.of("Point", "MultiPoint");
    private final SortedSet<String> geometryTypes = new TreeSet<>();
    private final Envelope envelope = new Envelope();
    /** The longitudes of every geometry's parts, for the box across the antimeridian when it is smaller. */
    private final LongitudeSpans longitudes = new LongitudeSpans();
    private long featureCount;
    private Optional<LegacyCrs> crs = Optional.empty();
    /** Positions put in WGS84 as they are read, once a legacy crs in another CRS is known, while all are points. */
    private Optional<Reprojection> reprojection = Optional.empty();
    /** Geometries not reprojected (read before the crs, or not points): the box is then placed by its edges. */
    private long geometriesNotReprojected;
    /** The hull of every position in longitude and latitude: where the data lie, more closely than their box. */
    private final StreamingHull hull = new StreamingHull();

    void countFeature() {
        featureCount++;
    }

    /** The document's {@code crs} member, which GeoJSON before RFC 7946 had. */
    void crs(Optional<LegacyCrs> named) {
        crs = named;
        reprojection = named.filter(legacy -> !legacy.isWgs84())
                .flatMap(legacy -> Wgs84.pointTransform(legacy.epsg().getAsInt()))
                .map(Reprojection::new);
    }

    /** Where the geometries read next tell their positions. */
    GeometryScan.PositionListener positions() {
        return reprojection.<GeometryScan.PositionListener>map(each -> each).orElse(hull);
    }

    /**
     * Each position of a document in a projected CRS in WGS84 longitude and latitude, so that the
     * box of points is the box of the data: placing the projected box by its edges takes in corners
     * where no point lies (2.5 km too wide on either side for three Swiss towns in EPSG:2056).
     */
    private static final class Reprojection implements GeometryScan.PositionListener {
        private final Wgs84.PointTransform transform;
        private final ProjCoordinate lonLat = new ProjCoordinate();
        /** Where the positions lie in longitude and latitude: their box and their hull. */
        private final LonLatPositions placed = new LonLatPositions();
        private boolean failed;

        Reprojection(Wgs84.PointTransform transform) {
            this.transform = transform;
        }

        @Override
        public void position(double x, double y) {
            if (failed) {
                return;
            }
            if (!transform.toLongitudeLatitude(x, y, lonLat) || Math.abs(lonLat.y) > 90) {
                failed = true;
                return;
            }
            placed.position(Math.IEEEremainder(lonLat.x, 360), lonLat.y);
        }

        /** The box of every position, when each could be placed. */
        Optional<Bounds> bounds() {
            return failed ? Optional.empty() : placed.bounds();
        }

        Optional<Polygon> footprint() {
            return failed ? Optional.empty() : placed.footprint();
        }
    }

    long featureCount() {
        return featureCount;
    }

    void addGeometry(GeometryScan geometry) throws UnreadableFileException {
        String geometryType;
        try {
            geometryType = geometry.check();
        } catch (UnreadableFileException e) {
            throw new UnreadableFileException("invalid GeoJSON: the geometry of feature " + Math.max(1, featureCount)
                    + " cannot be read (" + e.getMessage() + ")", e);
        }
        geometryTypes.add(geometryType);
        envelope.expandToInclude(geometry.envelope());
        geometry.addPartsTo(longitudes);
        if (!POINT_TYPES.contains(geometryType)) {
            // edges curve in longitude and latitude, and may hold a pole: placed by the box's edges
            reprojection = Optional.empty();
        }
        if (reprojection.isEmpty() && !geometry.envelope().isNull()) {
            geometriesNotReprojected++;
        }
    }

    /** @param format GeoJSON, or a GeoJSON text sequence */
    FormatReport report(String type, Format format) throws UnreadableFileException {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("type", type);
        details.put("featureCount", featureCount);
        ArrayNode types = details.putArray("geometryTypes");
        geometryTypes.forEach(types::add);
        Optional<Bounds> asWritten = envelope.isNull() ? Optional.empty() : Optional.of(Bounds.of(envelope));
        Optional<LegacyCrs> projected = crs.filter(named -> !named.isWgs84());
        if (projected.isPresent()) {
            // GeoJSON of 2008 in another CRS, as GDAL and QGIS still write by default: points are
            // placed by their positions; lines and polygons, whose edges curve in longitude and
            // latitude and may hold a pole, and any data read before the crs, by the box's edges.
            int epsg = projected.get().epsg().getAsInt();
            details.put("crs", "EPSG:" + epsg);
            details.put("epsg", epsg);
            Optional<Reprojection> byPoints = reprojection.filter(each -> geometriesNotReprojected == 0);
            Optional<Bounds> placedByPoints = byPoints.flatMap(Reprojection::bounds);
            Optional<Bounds> wgs84 = placedByPoints.or(() -> asWritten.flatMap(box -> Wgs84.fromEpsg(epsg, box)));
            asWritten.ifPresent(box -> details.set("bbox", box.toJson()));
            wgs84.ifPresent(box -> details.set("bboxWgs84", box.toJson()));
            return new FormatReport(format, details, wgs84, byPoints.flatMap(Reprojection::footprint), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        Optional<Bounds> bounds = Optional.empty();
        if (asWritten.isPresent()) {
            if (!asWritten.get().withinLongitudeLatitude()) {
                throw new UnreadableFileException("invalid GeoJSON: coordinates reach beyond longitude -180..180 and"
                        + " latitude -90..90 (bbox " + asWritten.get().toJson() + "); GeoJSON coordinates are WGS84"
                        + " longitude and latitude (RFC 7946): reproject the data to EPSG:4326");
            }
            LonLatBox smallest = longitudes.box(envelope.getMinY(), envelope.getMaxY());
            bounds = Optional.of(Bounds.of(smallest));
            details.set("bbox", bounds.get().toJson());
        }
        return new FormatReport(format, details, bounds, bounds.flatMap(hull::within), Optional.empty(),
                Optional.empty(), Optional.empty());
    }


}
