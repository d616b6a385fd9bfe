package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the layers of a file of several (a GeoPackage, zipped shapefiles) add up to: their feature
 * count, when every layer's is known; the geometry types of the layers that hold features; and the
 * place of them all in WGS84, across the antimeridian when that is the shorter way round.
 */
final class LayerTotals {
    private final SortedSet<String> geometryTypes = new TreeSet<>();
    private final LongitudeSpans longitudes = new LongitudeSpans();
    private double south = Double.POSITIVE_INFINITY;
    private double north = Double.NEGATIVE_INFINITY;
    private long featureCount;
    private boolean everyCountKnown = true;

    /** A layer of features, its count if it could be read, and the GeoJSON name of its geometry type if it has one. */
    void addFeatures(Optional<Long> count, Optional<String> geometryType) {
        featureCount += count.orElse(0L);
        everyCountKnown &= count.isPresent();
        addType(count, geometryType);
    }

    /** The geometry type of a layer, unless it is empty: an empty layer says nothing of what the file holds. */
    void addType(Optional<Long> count, Optional<String> geometryType) {
        if (count.filter(rows -> rows == 0).isEmpty()) {
            geometryType.ifPresent(geometryTypes::add);
        }
    }

    void addPlace(Bounds wgs84) {
        new LonLatBox(wgs84.minX(), wgs84.minY(), wgs84.maxX(), wgs84.maxY()).halves()
                .forEach(half -> longitudes.add(half.getMinX(), half.getMaxX()));
        south = Math.min(south, wgs84.minY());
        north = Math.max(north, wgs84.maxY());
    }

    /**
     * Writes {@code layerCount}, {@code featureCount}, {@code geometryTypes} and {@code bboxWgs84}
     * into {@code details}.
     *
     * @return the place of the layers, if any was placed
     */
    Optional<Bounds> describe(ObjectNode details, int layerCount) {
        details.put("layerCount", layerCount);
        if (everyCountKnown) {
            details.put("featureCount", featureCount);
        }
        ArrayNode types = details.putArray("geometryTypes");
        geometryTypes.forEach(types::add);
        if (longitudes.isEmpty()) {
            return Optional.empty();
        }
        Bounds place = Bounds.of(longitudes.box(south, north));
        details.set("bboxWgs84", place.toJson());
        return Optional.of(place);
    }

    boolean everyCountKnown() {
        return everyCountKnown;
    }

    long featureCount() {
        return featureCount;
    }
}
