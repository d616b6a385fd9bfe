package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;

/**
 * Where a swath lies (satellite data in the sensor's geometry, as Sentinel-3 and Sentinel-5P
 * products and most level-2 NetCDF are, or a model on a projected grid, as WRF writes its
 * {@code XLAT} and {@code XLONG}): its latitude and longitude are variables of two or more
 * dimensions (CF's auxiliary coordinates), a position per pixel, not one per row and column. The
 * box holds every pixel centre, read a slab of at most {@link #SLAB_VALUES} at a time so that
 * memory does not grow with the granule (up to {@link #MAX_PIXELS}; a larger one is not placed); packed values are unpacked ({@code scale_factor}, {@code add_offset}) and fill
 * values ({@code _FillValue}, {@code missing_value}) and values outside {@code valid_min},
 * {@code valid_max} or {@code valid_range} left out, as CF says. Across the antimeridian, the box
 * crosses it.
 */
final class SwathCoordinates {
    /** Values read at once, about 8 MB of doubles. */
    static final long SLAB_VALUES = 1 << 20;
    /**
     * The most pixels read, some 8,000 x 8,000 (a VIIRS granule has 41 million): compressed,
     * a constant grid of billions takes a few bytes of file and minutes to read.
     */
    static final long MAX_PIXELS = 64L << 20;

    private SwathCoordinates() {
    }

    /** A variable of a position per pixel, as stored: its name, shape, values, and how it is packed. */
    interface PixelValues {
        String name();

        int[] shape();

        /**
         * Values {@code from} to {@code from + count} of the variable flattened (row-major, as
         * stored): consecutive indices of one dimension, each with all the values of the dimensions
         * inside it.
         */
        double[] values(long from, int count) throws IOException;

        Packing packing();
    }

    /**
     * How CF packs and marks values; a float scale unpacks in float, as netCDF's libraries do: in
     * double, 17750 x 0.01f is 177.499996.
     */
    record Packing(double scale, double offset, double fill, double missing, double validMin, double validMax,
            boolean inFloat) {

        /** @param attribute the numbers of a numeric attribute by name, empty when the variable has none */
        static Packing of(Function<String, Optional<double[]>> attribute, boolean floatScale) {
            return new Packing(first(attribute, "scale_factor", 0).orElse(1.0),
                    first(attribute, "add_offset", 0).orElse(0.0),
                    first(attribute, "_FillValue", 0).orElse(Double.NaN),
                    first(attribute, "missing_value", 0).orElse(Double.NaN),
                    first(attribute, "valid_min", 0).or(() -> first(attribute, "valid_range", 0))
                            .orElse(Double.NEGATIVE_INFINITY),
                    first(attribute, "valid_max", 0).or(() -> first(attribute, "valid_range", 1))
                            .orElse(Double.POSITIVE_INFINITY),
                    floatScale);
        }

        private static Optional<Double> first(Function<String, Optional<double[]>> attribute, String name, int index) {
            return attribute.apply(name).filter(values -> values.length > index).map(values -> values[index]);
        }

        /** The value a stored one stands for; NaN for a fill or out-of-range one. */
        double unpack(double raw) {
            if (raw == fill || raw == missing || raw < validMin || raw > validMax) {
                return Double.NaN;
            }
            return inFloat ? (float) raw * (float) scale + (float) offset : raw * scale + offset;
        }
    }

    /**
     * {@code report} placed by the swath, when the file's coordinate variables did not place it and
     * it has a latitude and a longitude per pixel; {@code placedBy} names them.
     */
    static FormatReport placed(FormatReport report, Optional<PixelValues> latitude, Optional<PixelValues> longitude)
            throws IOException {
        if (report.wgs84Bounds().isPresent() || latitude.isEmpty() || longitude.isEmpty()) {
            return report;
        }
        Optional<Place> place = extent(latitude.get(), longitude.get(), SLAB_VALUES);
        if (place.isEmpty()) {
            return report;
        }
        ObjectNode details = report.details().deepCopy();
        details.set("bbox", place.get().box().toJson());
        details.put("placedBy", "swath coordinates " + latitude.get().name() + ", " + longitude.get().name());
        return new FormatReport(report.format(), details, Optional.of(place.get().box()),
                place.get().outline().map(Footprint::outline), report.start(), report.end(), report.problem());
    }

    /**
     * Where a swath lies: the box around its pixel centres, and for one of two dimensions (rows
     * and pixels along them) the hull of its edge pixels, which for a swath inclined with its orbit
     * leaves out most of the box.
     */
    record Place(Bounds box, Optional<Footprint> outline) {
    }

    /** @return empty when no pixel has a valid latitude and longitude, or the two differ in shape */
    static Optional<Place> extent(PixelValues latitude, PixelValues longitude, long slabValues) throws IOException {
        int[] shape = latitude.shape();
        if (shape.length == 0 || !Arrays.equals(shape, longitude.shape())) {
            return Optional.empty();
        }
        long total = 1;
        for (int length : shape) {
            total *= length;
            if (total > MAX_PIXELS) {
                return Optional.empty();
            }
        }
        Optional<EdgePixels> edges = shape.length == 2 ? Optional.of(new EdgePixels()) : Optional.empty();
        long rowValues = inside(shape, 0);
        LongitudeSpans spans = new LongitudeSpans();
        double south = Double.POSITIVE_INFINITY;
        double north = Double.NEGATIVE_INFINITY;
        for (Slab slab : slabs(shape, total, Math.max(1, slabValues))) {
            double[] lat = latitude.values(slab.from(), slab.count());
            double[] lon = longitude.values(slab.from(), slab.count());
            for (int i = 0; i < Math.min(lat.length, lon.length); i++) {
                double pixelLatitude = latitude.packing().unpack(lat[i]);
                double pixelLongitude = longitude.packing().unpack(lon[i]);
                if (Double.isFinite(pixelLatitude) && Double.isFinite(pixelLongitude) && Math.abs(pixelLatitude) <= 90) {
                    double wrapped = Math.IEEEremainder(pixelLongitude, 360);
                    spans.add(wrapped, wrapped);
                    south = Math.min(south, pixelLatitude);
                    north = Math.max(north, pixelLatitude);
                    int pixelRow = (int) ((slab.from() + i) / rowValues);
                    edges.ifPresent(pixels -> pixels.add(pixelRow, new Coordinate(wrapped, pixelLatitude)));
                }
            }
        }
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        LonLatBox box = spans.box(south, north);
        return Optional.of(new Place(Bounds.of(box),
                edges.flatMap(pixels -> pixels.outline(shape[1], shape[0]))));
    }

    /** How many values the dimensions inside {@code dimension} hold for each of its indices. */
    private static long inside(int[] shape, int dimension) {
        long values = 1;
        for (int d = dimension + 1; d < shape.length; d++) {
            values *= shape[d];
        }
        return values;
    }

    /** Values read at once: {@code count} from {@code from}, the variable flattened. */
    private record Slab(long from, int count) {
    }

    /**
     * The slabs, in order: split along the outermost dimension whose indices each fit in
     * {@code slabValues}, so that a leading dimension of one (WRF's single time step) or a row
     * longer than a slab is split further in instead of read whole.
     */
    private static List<Slab> slabs(int[] shape, long total, long slabValues) {
        int split = 0;
        while (inside(shape, split) > slabValues) {
            split++;
        }
        long inner = inside(shape, split);
        long run = shape[split] * inner;
        int atOnce = (int) Math.min(shape[split], slabValues / inner);
        List<Slab> slabs = new ArrayList<>();
        for (long start = 0; start < total; start += run) {
            for (int index = 0; index < shape[split]; index += atOnce) {
                slabs.add(new Slab(start + index * inner, (int) (Math.min(atOnce, shape[split] - index) * inner)));
            }
        }
        return slabs;
    }

    /**
     * The valid pixels on a swath's edge, as rows arrive in order: the first and last of each row,
     * and every one of the first and the last row that has any. The row under way is held whole
     * until a later one shows that it is not the last.
     */
    private static final class EdgePixels {
        private final List<Coordinate> firstRow = new ArrayList<>();
        private final List<Coordinate> rowStarts = new ArrayList<>();
        private final List<Coordinate> rowEnds = new ArrayList<>();
        private final List<Coordinate> currentRow = new ArrayList<>();
        private int current = -1;

        void add(int row, Coordinate pixel) {
            if (row != current) {
                endRow();
                current = row;
            }
            currentRow.add(pixel);
        }

        private void endRow() {
            if (currentRow.isEmpty()) {
                return;
            }
            if (firstRow.isEmpty()) {
                firstRow.addAll(currentRow);
            }
            rowStarts.add(currentRow.get(0));
            rowEnds.add(currentRow.get(currentRow.size() - 1));
            currentRow.clear();
        }

        /**
         * Once every row has been added: the swath's outline, along its first row, down the ends of
         * the rows, back along its last row and up their starts, which follows a swath that curves
         * with its orbit; where that ring crosses itself, the hull of the same pixels.
         */
        Optional<Footprint> outline(int columns, int rows) {
            List<Coordinate> lastRow = new ArrayList<>(currentRow);
            endRow();
            if (rowStarts.size() < 2) {
                return Footprint.hull(firstRow, columns, rows);
            }
            List<Coordinate> ring = new ArrayList<>(firstRow);
            ring.addAll(rowEnds.subList(1, rowEnds.size() - 1));
            ring.addAll(reversed(lastRow));
            ring.addAll(reversed(rowStarts.subList(1, rowStarts.size() - 1)));
            return Footprint.ofRing(ring, columns, rows).or(() -> Footprint.hull(ring, columns, rows));
        }

        private static List<Coordinate> reversed(List<Coordinate> points) {
            List<Coordinate> reversed = new ArrayList<>(points);
            Collections.reverse(reversed);
            return reversed;
        }
    }

    /** Whether an HDF5 dataset may hold a swath's latitudes or longitudes: two dimensions or more. */
    static boolean isSwathCoordinate(Dataset dataset) {
        return dataset.getDimensions().length >= 2 && dataset.getSize() > 0;
    }

    /** An HDF5 (NetCDF-4) dataset's values, read with jHDF. */
    static PixelValues of(Dataset dataset) {
        Attribute scale = dataset.getAttribute("scale_factor");
        boolean floatScale = scale != null && (scale.getData() instanceof float[] || scale.getData() instanceof Float);
        Packing packing = Packing.of(name -> numbers(dataset.getAttribute(name)), floatScale);
        return new PixelValues() {
            @Override
            public String name() {
                return dataset.getPath().substring(1);
            }

            @Override
            public int[] shape() {
                return dataset.getDimensions();
            }

            @Override
            public double[] values(long from, int count) {
                int[] shape = dataset.getDimensions();
                int[] slab = shape.clone();
                long[] offset = new long[shape.length];
                // the dimension the run goes along: the outermost of those it holds whole indices of
                int along = shape.length - 1;
                long inner = 1;
                while (along > 0 && from % (inner * shape[along]) == 0 && count % (inner * shape[along]) == 0) {
                    inner *= shape[along];
                    along--;
                }
                slab[along] = (int) (count / inner);
                long index = from / inner;
                for (int d = along; d >= 0; d--) {
                    offset[d] = index % shape[d];
                    index /= shape[d];
                    if (d < along) {
                        slab[d] = 1;
                    }
                }
                return HdfNumbers.of(dataset.getData(offset, slab));
            }

            @Override
            public Packing packing() {
                return packing;
            }
        };
    }

    /** A classic NetCDF variable's values, read where its header places them (a record variable's first record). */
    static PixelValues of(ClassicNetCdf.Grid grid, FileChannel file) {
        Packing packing = Packing.of(name -> Optional.ofNullable(grid.numbers().get(name)), grid.floatScale());
        return new PixelValues() {
            @Override
            public String name() {
                return grid.name();
            }

            @Override
            public int[] shape() {
                return grid.shape();
            }

            @Override
            public double[] values(long from, int count) throws IOException {
                ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(count, grid.valueBytes()));
                long position = grid.begin() + from * grid.valueBytes();
                while (bytes.hasRemaining()) {
                    if (file.read(bytes, position + bytes.position()) < 0) {
                        break;
                    }
                }
                bytes.flip();
                double[] flat = new double[count];
                for (int i = 0; i < count && bytes.remaining() >= grid.valueBytes(); i++) {
                    flat[i] = ClassicNetCdf.value(bytes, grid.type());
                }
                return flat;
            }

            @Override
            public Packing packing() {
                return packing;
            }
        };
    }

    private static Optional<double[]> numbers(Attribute attribute) {
        return attribute == null ? Optional.empty() : Optional.of(HdfNumbers.of(attribute.getData()));
    }
}
