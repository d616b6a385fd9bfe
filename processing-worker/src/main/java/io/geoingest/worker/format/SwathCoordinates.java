package io.geoingest.worker.format;

import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a swath lies (satellite data in the sensor's geometry, as Sentinel-3 and Sentinel-5P
 * products and most level-2 NetCDF are): its latitude and longitude are variables of two or more
 * dimensions (CF's auxiliary coordinates), a position per pixel, not one per row and column. The
 * box holds every pixel centre, read a slab of rows at a time so that memory does not grow with
 * the granule; packed values are unpacked ({@code scale_factor}, {@code add_offset}) and fill
 * values ({@code _FillValue}, {@code missing_value}) and values outside {@code valid_min},
 * {@code valid_max} or {@code valid_range} left out, as CF says. Across the antimeridian, the box
 * crosses it.
 */
final class SwathCoordinates {
    /** Values read at once, about 8 MB of doubles. */
    private static final long SLAB_VALUES = 1 << 20;

    private SwathCoordinates() {
    }

    /** Whether the dataset may hold a swath's latitudes or longitudes: two dimensions or more. */
    static boolean isSwathCoordinate(Dataset dataset) {
        return dataset.getDimensions().length >= 2 && dataset.getSize() > 0;
    }

    /** @return empty when no pixel has a valid latitude and longitude, or the two differ in shape */
    static Optional<Bounds> extent(Dataset latitude, Dataset longitude) {
        return extent(latitude, longitude, SLAB_VALUES);
    }

    /** @param slabValues about how many values of each variable are read at once (at least a row) */
    static Optional<Bounds> extent(Dataset latitude, Dataset longitude, long slabValues) {
        int[] shape = latitude.getDimensions();
        if (!Arrays.equals(shape, longitude.getDimensions())) {
            return Optional.empty();
        }
        Values latitudes = new Values(latitude);
        Values longitudes = new Values(longitude);
        long rowValues = 1;
        for (int d = 1; d < shape.length; d++) {
            rowValues *= shape[d];
        }
        int rowsAtOnce = (int) Math.max(1, Math.min(shape[0], slabValues / Math.max(1, rowValues)));
        LongitudeSpans spans = new LongitudeSpans();
        double south = Double.POSITIVE_INFINITY;
        double north = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < shape[0]; row += rowsAtOnce) {
            long[] offset = new long[shape.length];
            offset[0] = row;
            int[] slab = shape.clone();
            slab[0] = Math.min(rowsAtOnce, shape[0] - row);
            double[] lat = latitudes.read(offset, slab);
            double[] lon = longitudes.read(offset, slab);
            for (int i = 0; i < lat.length; i++) {
                if (Double.isFinite(lat[i]) && Double.isFinite(lon[i]) && Math.abs(lat[i]) <= 90) {
                    double east = Math.IEEEremainder(lon[i], 360);
                    spans.add(east, east);
                    south = Math.min(south, lat[i]);
                    north = Math.max(north, lat[i]);
                }
            }
        }
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        LonLatBox box = spans.box(south, north);
        return Optional.of(new Bounds(box.west(), box.south(), box.east(), box.north()));
    }

    /** A variable's values, unpacked, with NaN for what CF says is no value. */
    private static final class Values {
        private final Dataset dataset;
        private final double scale;
        private final double offset;
        private final double fill;
        private final double missing;
        private final double validMin;
        private final double validMax;
        /** A float scale unpacks in float, as netCDF's libraries do: in double, 17750 x 0.01f is 177.499996. */
        private final boolean inFloat;

        Values(Dataset dataset) {
            this.dataset = dataset;
            Attribute scaleFactor = dataset.getAttribute("scale_factor");
            this.inFloat = scaleFactor != null && (scaleFactor.getData() instanceof float[]
                    || scaleFactor.getData() instanceof Float);
            this.scale = number(dataset, "scale_factor", 0).orElse(1.0);
            this.offset = number(dataset, "add_offset", 0).orElse(0.0);
            this.fill = number(dataset, "_FillValue", 0).orElse(Double.NaN);
            this.missing = number(dataset, "missing_value", 0).orElse(Double.NaN);
            this.validMin = number(dataset, "valid_min", 0).or(() -> number(dataset, "valid_range", 0))
                    .orElse(Double.NEGATIVE_INFINITY);
            this.validMax = number(dataset, "valid_max", 0).or(() -> number(dataset, "valid_range", 1))
                    .orElse(Double.POSITIVE_INFINITY);
        }

        double[] read(long[] at, int[] shape) {
            Object data = dataset.getData(at, shape);
            int count = 1;
            for (int length : shape) {
                count *= length;
            }
            double[] values = new double[count];
            flatten(data, values, 0);
            for (int i = 0; i < values.length; i++) {
                double raw = values[i];
                if (raw == fill || raw == missing || raw < validMin || raw > validMax) {
                    values[i] = Double.NaN;
                } else {
                    values[i] = inFloat ? (float) raw * (float) scale + (float) offset : raw * scale + offset;
                }
            }
            return values;
        }

        /** Copies the numbers of a (nested) array in order; returns where the next goes. */
        private static int flatten(Object array, double[] into, int at) {
            int length = Array.getLength(array);
            for (int i = 0; i < length; i++) {
                Object item = Array.get(array, i);
                if (item != null && item.getClass().isArray()) {
                    at = flatten(item, into, at);
                } else {
                    into[at++] = item instanceof Number number ? number.doubleValue() : Double.NaN;
                }
            }
            return at;
        }

        private static Optional<Double> number(Dataset dataset, String name, int index) {
            Attribute attribute = dataset.getAttribute(name);
            if (attribute == null) {
                return Optional.empty();
            }
            Object data = attribute.getData();
            Object value = data != null && data.getClass().isArray()
                    ? (Array.getLength(data) > index ? Array.get(data, index) : null)
                    : (index == 0 ? data : null);
            return value instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
        }
    }
}
