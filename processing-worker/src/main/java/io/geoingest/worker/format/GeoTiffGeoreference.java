package io.geoingest.worker.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.imageio.plugins.tiff.GeoTIFFTagSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Where a GeoTIFF lies: its coordinate reference system (GeoKeys, GeoTIFF 1.1) and the bounding box
 * of its pixels, from the model tie point and pixel scale or the model transformation, or of its
 * ground control points. The TIFF
 * itself is read by {@link TiffTags}; this only interprets the GeoTIFF tags it hands over.
 *
 * @param controlPoints the model coordinates of the ground control points of an image placed by
 *                      them (empty for one placed by a grid)
 * @param definition    the PROJ definition of a projected or geographic CRS that the GeoKeys spell
 *                      out instead of naming it by EPSG code ({@link UserDefinedProjection})
 * @param verticalEpsg  the vertical CRS of a compound one (a DEM's heights above EGM96, EPSG:5773)
 */
record GeoTiffGeoreference(OptionalInt epsg, String crs, Optional<Bounds> bounds, Optional<double[]> transform,
        List<Coordinate> controlPoints, Optional<String> definition, OptionalInt verticalEpsg) {
    private static final int GT_MODEL_TYPE = 1024;
    private static final int GT_RASTER_TYPE = 1025;
    private static final int GEOGRAPHIC_TYPE = 2048;
    private static final int PROJECTED_CS_TYPE = 3072;
    private static final int VERTICAL_CS_TYPE = 4096;
    private static final int MODEL_PROJECTED = 1;
    private static final int MODEL_GEOGRAPHIC = 2;
    private static final int RASTER_PIXEL_IS_POINT = 2;
    private static final int USER_DEFINED = 32767;
    /** A tie point: raster I, J, K, then model X, Y, Z. */
    private static final int TIE_POINT_VALUES = 6;

    /** @return empty when the TIFF carries no GeoTIFF tags at all (a plain TIFF) */
    static Optional<GeoTiffGeoreference> of(TiffTags tags, int width, int height) {
        Optional<double[]> keyDirectory = tags.numbers(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY);
        Optional<double[]> tiePoints = tags.numbers(GeoTIFFTagSet.TAG_MODEL_TIE_POINT);
        Optional<double[]> transformation = tags.numbers(GeoTIFFTagSet.TAG_MODEL_TRANSFORMATION);
        if (keyDirectory.isEmpty() && tiePoints.isEmpty() && transformation.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Integer> keys = keyDirectory.map(GeoTiffGeoreference::shortKeys).orElse(Map.of());
        OptionalInt epsg = epsg(keys);
        int model = keys.getOrDefault(GT_MODEL_TYPE, 0);
        Map<Integer, Double> numbers = keyDirectory.map(directory -> doubleKeys(directory,
                tags.numbers(GeoTIFFTagSet.TAG_GEO_DOUBLE_PARAMS).orElse(new double[0]))).orElse(Map.of());
        Optional<String> definition = epsg.isPresent() ? Optional.empty()
                : model == MODEL_PROJECTED ? UserDefinedProjection.definition(keys, numbers)
                : model == MODEL_GEOGRAPHIC ? UserDefinedProjection.geographic(keys, numbers)
                : Optional.empty();
        String crs = epsg.isPresent() ? "EPSG:" + epsg.getAsInt()
                : keys.isEmpty() ? "unknown (no GeoKeys)" : "user-defined (no EPSG code in the GeoKeys)";
        boolean pixelIsPoint = keys.getOrDefault(GT_RASTER_TYPE, 1) == RASTER_PIXEL_IS_POINT;
        // A pixel-is-point tie point names a pixel's centre; the box spans the pixels' outer edges.
        double shift = pixelIsPoint ? -0.5 : 0;
        double[] scale = tags.numbers(GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE).orElse(new double[0]);
        Optional<double[]> transform = transform(transformation, tiePoints.orElse(new double[0]), scale, shift);
        List<Coordinate> controlPoints = transform.isEmpty() && scale.length < 2
                ? groundControlPoints(tiePoints.orElse(new double[0])) : List.of();
        Optional<Bounds> bounds = transform.isPresent() ? Optional.of(corners(transform.get(), width, height))
                : controlPoints.size() >= 2 ? Optional.of(controlPointBounds(controlPoints, model == MODEL_GEOGRAPHIC))
                : Optional.empty();
        Integer vertical = keys.get(VERTICAL_CS_TYPE);
        OptionalInt verticalEpsg = vertical == null || vertical <= 0 || vertical == USER_DEFINED ? OptionalInt.empty()
                : OptionalInt.of(vertical);
        return Optional.of(new GeoTiffGeoreference(epsg, crs, bounds, transform, controlPoints, definition,
                verticalEpsg));
    }

    /** The GeoKeys whose value is stored in the key directory itself (all the short ones we need are). */
    private static Map<Integer, Integer> shortKeys(double[] directory) {
        Map<Integer, Integer> keys = new HashMap<>();
        for (KeyEntry entry : entries(directory)) {
            if (entry.location() == 0) {
                keys.put(entry.key(), entry.value());
            }
        }
        return keys;
    }

    /** The GeoKeys whose values lie in the GeoDoubleParams tag (the parameters of a projection). */
    private static Map<Integer, Double> doubleKeys(double[] directory, double[] parameters) {
        Map<Integer, Double> keys = new HashMap<>();
        for (KeyEntry entry : entries(directory)) {
            if (entry.location() == GeoTIFFTagSet.TAG_GEO_DOUBLE_PARAMS && entry.value() >= 0
                    && entry.value() < parameters.length) {
                keys.put(entry.key(), parameters[entry.value()]);
            }
        }
        return keys;
    }

    /**
     * One GeoKey of the key directory: where its value lies (0: in the entry itself, or the tag
     * that holds it), and the value or its index in that tag.
     */
    private record KeyEntry(int key, int location, int value) {
    }

    /** The directory's entries after its header of four: key, location, count, value or index. */
    private static List<KeyEntry> entries(double[] directory) {
        List<KeyEntry> entries = new ArrayList<>();
        int numberOfKeys = directory.length < 4 ? 0 : (int) directory[3];
        for (int key = 0; key < numberOfKeys && 4 + key * 4 + 3 < directory.length; key++) {
            int entry = 4 + key * 4;
            entries.add(new KeyEntry((int) directory[entry], (int) directory[entry + 1], (int) directory[entry + 3]));
        }
        return entries;
    }

    private static OptionalInt epsg(Map<Integer, Integer> keys) {
        int model = keys.getOrDefault(GT_MODEL_TYPE, 0);
        Integer code = model == MODEL_PROJECTED ? keys.get(PROJECTED_CS_TYPE)
                : model == MODEL_GEOGRAPHIC ? keys.get(GEOGRAPHIC_TYPE) : null;
        return code == null || code <= 0 || code == USER_DEFINED ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /**
     * The affine map from a pixel's outer corner (column, row) to model coordinates, in the order of
     * STAC's {@code proj:transform}: {@code x = a col + b row + c}, {@code y = d col + e row + f};
     * from the 4x4 model transformation (rotated or sheared rasters too), or from a tie point and
     * the pixel scale. Empty for ground control points, which place the image without a grid.
     */
    private static Optional<double[]> transform(Optional<double[]> transformation, double[] tiePoints, double[] scale,
            double shift) {
        if (transformation.filter(matrix -> matrix.length >= 16).isPresent()) {
            double[] m = transformation.get();
            return Optional.of(new double[] {m[0], m[1], m[3] + shift * (m[0] + m[1]),
                m[4], m[5], m[7] + shift * (m[4] + m[5])});
        }
        if (tiePoints.length < TIE_POINT_VALUES || scale.length < 2) {
            return Optional.empty();
        }
        double pixelI = tiePoints[0];
        double pixelJ = tiePoints[1];
        double modelX = tiePoints[3];
        double modelY = tiePoints[4];
        return Optional.of(new double[] {scale[0], 0, modelX + (shift - pixelI) * scale[0],
            0, -scale[1], modelY - (shift - pixelJ) * scale[1]});
    }

    /**
     * Tie points without a pixel scale are ground control points, which place the image without a
     * grid (SAR products in radar geometry, such as Sentinel-1's): their model coordinates, none
     * when one of them is not a number.
     */
    private static List<Coordinate> groundControlPoints(double[] tiePoints) {
        List<Coordinate> points = new ArrayList<>();
        for (int point = 0; point + TIE_POINT_VALUES <= tiePoints.length; point += TIE_POINT_VALUES) {
            double x = tiePoints[point + 3];
            double y = tiePoints[point + 4];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                return List.of();
            }
            points.add(new Coordinate(x, y));
        }
        return List.copyOf(points);
    }

    /**
     * The box around ground control points; in longitude and latitude, across the antimeridian when
     * that is the shorter way round, as for a Sentinel-1 scene over Fiji or the Aleutians, whose
     * points lie on either side of it. Longitudes beyond -180..180 (a grid in 0..360) are boxed as
     * they are, and turned onto the earth with the WGS84 box.
     */
    private static Bounds controlPointBounds(List<Coordinate> points, boolean geographic) {
        if (geographic) {
            LonLatPositions lonLat = new LonLatPositions();
            points.forEach(point -> lonLat.position(point.x, point.y));
            if (lonLat.outOfRange() == 0) {
                return lonLat.bounds().orElseThrow();
            }
        }
        Envelope envelope = new Envelope();
        points.forEach(envelope::expandToInclude);
        return Bounds.of(envelope);
    }

    /** The box around the raster's four corners through {@code transform}. */
    static Bounds corners(double[] transform, int width, int height) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double column : new double[] {0, width}) {
            for (double row : new double[] {0, height}) {
                double x = transform[0] * column + transform[1] * row + transform[2];
                double y = transform[3] * column + transform[4] * row + transform[5];
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        return new Bounds(minX, minY, maxX, maxY);
    }
}
