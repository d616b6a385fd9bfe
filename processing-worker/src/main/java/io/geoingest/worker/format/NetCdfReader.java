package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.RootCause;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.stream.ImageInputStream;

/**
 * NetCDF and HDF5 files. Both are recognised by their signature; NetCDF-4 and other HDF5 files are
 * read further with jHDF (a pure-Java HDF5 reader): dimensions and variables. Classic NetCDF
 * (CDF-1, CDF-2, CDF-5) is read from its header ({@link ClassicNetCdf}).
 */
final class NetCdfReader {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final String DIMENSION_WITHOUT_VARIABLE = "This is a netCDF dimension but not a netCDF variable";
    /** Files with thousands of variables exist; the metadata lists the first ones and the count. */
    private static final int LISTED_VARIABLES = ClassicNetCdf.LISTED;
    /** The name jHDF gives a stored object it reads (in its logs). */
    private static final URI STORED_OBJECT = URI.create("storage:/object");
    /**
     * The most records whose value of a coordinate other than time is read, one read each: as many
     * as levels are listed.
     */
    private static final int RECORD_READS = CfCoordinates.MAX_LISTED_LEVELS;

    private NetCdfReader() {
    }

    /** The format announced by the first bytes, when they are a NetCDF or HDF5 signature. */
    static Optional<Format> bySignature(byte[] head) {
        if (head.length >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F') {
            return Optional.of(Format.NETCDF);
        }
        if (head.length >= HDF5_SIGNATURE.length
                && Arrays.equals(Arrays.copyOf(head, HDF5_SIGNATURE.length), HDF5_SIGNATURE)) {
            return Optional.of(Format.HDF5);
        }
        return Optional.empty();
    }

    /** A classic file whose version byte is 1, 2 or 5, read further from its header. */
    static boolean isClassic(byte[] head) {
        return head.length >= 4 && (head[3] == 1 || head[3] == 2 || head[3] == 5);
    }

    /**
     * Dimensions and variables from the header of a classic file, which must be followed by all
     * the data it places: a file cut short fails as truncated.
     */
    static FormatReport classic(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return classic(channel);
        }
    }

    /** A classic file over the spool limit, read as it lies in storage: its header, and its coordinates where it places them. */
    static FormatReport classicInStorage(ImageInputStream object) throws IOException {
        return readFromStorage(classic(new ImageInputStreamChannel(object)));
    }

    private static FormatReport classic(FileChannel file) throws IOException {
        long stored = file.size();
        ClassicNetCdf header;
        try {
            header = ClassicNetCdf.read(file);
        } catch (EOFException cutShort) {
            return FormatReport.unreadable(Format.NETCDF, "the NetCDF file is truncated or its header damaged: the"
                    + " header reaches beyond the " + stored + " bytes stored; upload the complete file");
        } catch (ClassicNetCdf.DamagedHeader e) {
            return FormatReport.unreadable(Format.NETCDF, "the NetCDF header is damaged: " + e.getMessage());
        }
        if (header.dataEnd() > stored) {
            return FormatReport.unreadable(Format.NETCDF, "the NetCDF file is truncated: its header places data up to"
                    + " byte " + header.dataEnd() + " but only " + stored + " bytes were stored; upload the complete file");
        }
        ObjectNode details = classicVariant(header.version());
        ObjectNode dimensions = details.putObject("dimensions");
        header.dimensions().forEach(dimensions::put);
        ArrayNode variables = details.putArray("variables");
        header.variables().forEach(variable -> describe(variables, variable.name(), variable.shape(), variable.dataType(),
                variable.dimensions(), variable.attributes()));
        details.put("variableCount", header.variableCount());
        FormatReport report = CfCoordinates.placed(FormatReport.recognised(Format.NETCDF).withDetails(details),
                classicCoordinates(file, header), header.gridMapping());
        return SwathCoordinates.placed(report, grid(header, CfCoordinates.Axis.LATITUDE, file),
                grid(header, CfCoordinates.Axis.LONGITUDE, file));
    }

    /** The first variable of a position per pixel whose attributes say it is along {@code axis}. */
    private static Optional<SwathCoordinates.PixelValues> grid(ClassicNetCdf header, CfCoordinates.Axis axis,
            FileChannel channel) {
        return header.grids().stream().filter(grid -> CfCoordinates.axis(grid.attributes()).filter(axis::equals).isPresent())
                .findFirst().map(grid -> SwathCoordinates.of(grid, channel));
    }

    /**
     * The values of the coordinate variables that may give a place, a time or levels, read where the
     * header places them. A record variable's values lie a record apart, each a read of its own (a
     * ranged GET for a file in storage): of a time, whose values CF makes monotonic and of which only
     * the span is kept, the first and last record are read; of another, every record up to
     * {@link #RECORD_READS}, and none beyond.
     */
    private static List<CfCoordinates.Variable> classicCoordinates(FileChannel channel, ClassicNetCdf header) throws IOException {
        List<CfCoordinates.Variable> coordinates = new ArrayList<>();
        for (ClassicNetCdf.Coordinate coordinate : header.coordinates()) {
            if (coordinate.length() > maxValues(coordinate.attributes())) {
                continue;
            }
            int length = (int) coordinate.length();
            boolean time = CfCoordinates.axis(coordinate.attributes()).filter(CfCoordinates.Axis.TIME::equals).isPresent();
            if (coordinate.stride() == coordinate.valueBytes()) {
                coordinates.add(new CfCoordinates.Variable(coordinate.name(), coordinate.attributes(),
                        readTogether(channel, coordinate, length)));
            } else if (time || length <= RECORD_READS) {
                int[] records = time && length > 2 ? new int[] {0, length - 1} : IntStream.range(0, length).toArray();
                coordinates.add(new CfCoordinates.Variable(coordinate.name(), coordinate.attributes(),
                        readRecords(channel, coordinate, records)));
            }
        }
        return coordinates;
    }

    /** The values of a fixed variable, which lie side by side: one read. */
    private static double[] readTogether(FileChannel channel, ClassicNetCdf.Coordinate coordinate, int length)
            throws IOException {
        ByteBuffer read = ByteBuffer.allocate(coordinate.valueBytes() * length);
        channel.read(read, coordinate.begin());
        read.flip();
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = ClassicNetCdf.value(read, coordinate.type());
        }
        return values;
    }

    /** The values of a record variable in the records given. */
    private static double[] readRecords(FileChannel channel, ClassicNetCdf.Coordinate coordinate, int[] records)
            throws IOException {
        ByteBuffer read = ByteBuffer.allocate(coordinate.valueBytes());
        double[] values = new double[records.length];
        for (int i = 0; i < records.length; i++) {
            channel.read(read.clear(), coordinate.begin() + records[i] * coordinate.stride());
            read.flip();
            values[i] = ClassicNetCdf.value(read, coordinate.type());
        }
        return values;
    }

    /** Says, in a report read from storage, that the data the file places was not checked. */
    private static FormatReport readFromStorage(FormatReport report) {
        if (report.problem().isPresent()) {
            return report;
        }
        ObjectNode details = report.details().deepCopy();
        details.put("note", "the file is larger than the worker's spool limit (geoingest.worker.spool-limit): its"
                + " structure and coordinates were read from storage; the data they place lies within the file");
        return report.withDetails(details);
    }

    private static ObjectNode classicVariant(int version) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("variant", switch (version) {
            case 1 -> "classic (CDF-1)";
            case 2 -> "64-bit offset (CDF-2)";
            default -> "64-bit data (CDF-5)";
        });
        return details;
    }

    /** One variable in the metadata's list. */
    /**
     * @param dimensionNames the names of its dimensions, when the file gives them all
     * @param attributes     its text attributes, of which CF's {@code units} and {@code long_name} are shown
     */
    private static void describe(ArrayNode variables, String name, long[] shape, String dataType,
            List<String> dimensionNames, Map<String, String> attributes) {
        ObjectNode variable = variables.addObject();
        variable.put("name", name);
        ArrayNode dimensions = variable.putArray("shape");
        Arrays.stream(shape).forEach(dimensions::add);
        variable.put("dataType", dataType);
        if (!dimensionNames.isEmpty() && dimensionNames.size() == shape.length) {
            dimensionNames.forEach(variable.putArray("dimensions")::add);
        }
        Optional.ofNullable(attributes.get("units")).filter(units -> !units.isBlank())
                .ifPresent(units -> variable.put("units", units));
        Optional.ofNullable(attributes.get("long_name")).filter(longName -> !longName.isBlank())
                .ifPresent(longName -> variable.put("longName", longName));
    }

    /** A file that starts with "CDF" but whose version byte is none of the classic ones. */
    static FormatReport unknownClassicVersion(byte[] head) {
        return FormatReport.unreadable(Format.NETCDF, "the file starts with the NetCDF signature \"CDF\" but its"
                + " version byte " + head[3] + " is none of 1, 2 or 5: it is damaged or not NetCDF");
    }

    static FormatReport hdf5(Path file) throws IOException {
        return hdf5(() -> open(file), Files.size(file));
    }

    /**
     * An HDF5 file over the spool limit, read as it lies in storage: its structure, and its
     * coordinates. Opened as a channel with a name: jHDF's constructor of a channel alone keeps no
     * name, and closing such a file fails on logging it.
     */
    static FormatReport hdf5InStorage(ImageInputStream object) throws IOException {
        return readFromStorage(hdf5(() -> new HdfFile(new ImageInputStreamChannel(object), STORED_OBJECT),
                object.length()));
    }

    @FunctionalInterface
    private interface HdfOpening {
        HdfFile open() throws IOException;
    }

    private static FormatReport hdf5(HdfOpening opening, long stored) {
        try (HdfFile hdf = opening.open()) {
            long declaredEnd = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress()
                    + hdf.getUserBlockSize();
            if (declaredEnd > stored) {
                return FormatReport.unreadable(Format.HDF5, "the HDF5 file is truncated: it declares " + declaredEnd
                        + " bytes but only " + stored + " were stored; upload the complete file");
            }
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            ObjectNode dimensions = details.putObject("dimensions");
            ArrayNode variables = details.putArray("variables");
            boolean netCdf = hdf.getAttribute("_NCProperties") != null;
            int variableCount = 0;
            List<CfCoordinates.Variable> coordinates = new ArrayList<>();
            Map<CfCoordinates.Axis, Dataset> swath = new EnumMap<>(CfCoordinates.Axis.class);
            List<Dataset> datasets = datasets(hdf);
            Optional<GridMapping> gridMapping = Optional.empty();
            Map<Long, String> dimensionsByAddress = new HashMap<>();
            datasets.forEach(dataset -> dimensionName(dataset)
                    .ifPresent(name -> dimensionsByAddress.put(dataset.getAddress(), name)));
            for (Dataset dataset : datasets) {
                netCdf |= dataset.getAttribute("_Netcdf4Dimid") != null || dataset.getAttribute("DIMENSION_LIST") != null;
                Optional<String> dimensionName = dimensionName(dataset);
                if (gridMapping.isEmpty()) {
                    gridMapping = GridMapping.of(attributes(dataset, GridMapping.TEXT_ATTRIBUTES), numbers(dataset));
                }
                dimensionName.ifPresent(name -> dimensions.put(name, dataset.getDimensions().length > 0
                        ? dataset.getDimensions()[0] : 0));
                if (dimensionName.isPresent() && isDimensionOnly(dataset)) {
                    continue;
                }
                if (dimensionName.isPresent()) {
                    coordinate(dataset).ifPresent(coordinates::add);
                } else if (SwathCoordinates.isSwathCoordinate(dataset)) {
                    CfCoordinates.axis(textAttributes(dataset)).ifPresent(axis -> swath.putIfAbsent(axis, dataset));
                }
                variableCount++;
                if (variableCount <= LISTED_VARIABLES) {
                    describe(variables, dataset.getPath().substring(1),
                            Arrays.stream(dataset.getDimensions()).asLongStream().toArray(),
                            typeName(dataset.getDataType()), dimensionNames(dataset, dimensionsByAddress),
                            textAttributes(dataset));
                }
            }
            details.put("variableCount", variableCount);
            details.put("variant", netCdf ? "NetCDF-4 (HDF5)" : "HDF5");
            FormatReport report = CfCoordinates.placed(
                    FormatReport.recognised(netCdf ? Format.NETCDF : Format.HDF5).withDetails(details), coordinates,
                    gridMapping);
            return SwathCoordinates.placed(report,
                    Optional.ofNullable(swath.get(CfCoordinates.Axis.LATITUDE)).map(SwathCoordinates::of),
                    Optional.ofNullable(swath.get(CfCoordinates.Axis.LONGITUDE)).map(SwathCoordinates::of));
        } catch (IOException | RuntimeException e) {
            // jHDF reports a damaged structure as HdfException, a runtime exception.
            return FormatReport.unreadable(Format.HDF5, "the HDF5 structure is damaged or truncated ("
                    + RootCause.message(e) + ")");
        }
    }

    /**
     * Mapped into memory where it fits one buffer: jHDF then reads a structure as a view of the
     * file, so a size that a damaged or hostile file declares (half a gigabyte for a header of 24
     * bytes) fails as beyond the end instead of being allocated on the heap first.
     */
    private static HdfFile open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            return size <= Integer.MAX_VALUE
                    ? HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, size))
                    : new HdfFile(file);
        }
    }

    private static List<Dataset> datasets(Group root) {
        List<Dataset> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        seen.add(root.getAddress());
        collect(root, found, seen);
        return found;
    }

    /**
     * Each object once, by its address: HDF5 hard links may give one object several names, or link
     * a group inside itself, which a walk by names would follow for ever.
     */
    private static void collect(Group group, List<Dataset> found, Set<Long> seen) {
        for (Node child : group) {
            if (child.isLink() || !seen.add(child.getAddress())) {
                continue;
            }
            if (child instanceof Dataset dataset) {
                found.add(dataset);
            } else if (child instanceof Group subgroup) {
                collect(subgroup, found, seen);
            }
        }
    }

    /** A dimension's values, when its attributes say it may give a place, a time or levels and it has numbers to read. */
    private static Optional<CfCoordinates.Variable> coordinate(Dataset dataset) {
        Map<String, String> attributes = textAttributes(dataset);
        if (dataset.getDimensions().length != 1 || dataset.getSize() > maxValues(attributes)
                || !(dataset.getJavaType().isPrimitive() || Number.class.isAssignableFrom(dataset.getJavaType()))) {
            return Optional.empty();
        }
        double[] values = HdfNumbers.of(dataset.getData());
        if (values.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new CfCoordinates.Variable(dimensionName(dataset).orElse(dataset.getName()), attributes, values));
    }

    /** How many values of a coordinate variable are read: more for one that may place or time the data. */
    private static long maxValues(Map<String, String> attributes) {
        return CfCoordinates.axis(attributes).isPresent() ? CfCoordinates.MAX_VALUES : CfCoordinates.MAX_OTHER_VALUES;
    }

    /** The text attributes that tell a coordinate's axis, direction and calendar. */
    private static Map<String, String> textAttributes(Dataset dataset) {
        return attributes(dataset, List.of("units", "standard_name", "calendar", "long_name", "positive", "axis"));
    }

    /**
     * A variable's type as NetCDF names it ({@code ushort}, {@code float}...): jHDF reads an
     * unsigned integer into the next wider Java type, whose name ({@code int} for a ushort band)
     * would misstate what the file holds. Other types (strings, compounds) by their Java type.
     */
    private static String typeName(DataType type) {
        if (type instanceof FixedPoint integer && List.of(1, 2, 4, 8).contains(integer.getSize())) {
            String signed = switch (integer.getSize()) {
                case 1 -> "byte";
                case 2 -> "short";
                case 4 -> "int";
                default -> "long";
            };
            return (integer.isSigned() ? "" : "u") + signed;
        }
        if (type instanceof FloatingPoint) {
            return type.getSize() == 4 ? "float" : "double";
        }
        return type.getJavaType().getSimpleName();
    }

    /** The numeric attributes of a CF grid mapping. */
    private static Map<String, double[]> numbers(Dataset dataset) {
        Map<String, double[]> numbers = new HashMap<>();
        for (String name : GridMapping.PARAMETERS) {
            Attribute attribute = dataset.getAttribute(name);
            if (attribute != null) {
                numbers.put(name, HdfNumbers.of(attribute.getData()));
            }
        }
        return numbers;
    }

    private static Map<String, String> attributes(Dataset dataset, List<String> names) {
        Map<String, String> attributes = new HashMap<>();
        for (String name : names) {
            attributeText(dataset, name).ifPresent(text -> attributes.put(name, text));
        }
        return attributes;
    }

    /** A dimension is an HDF5 dimension scale (netCDF-4 writes one per dimension). */
    private static Optional<String> dimensionName(Dataset dataset) {
        Attribute kind = dataset.getAttribute("CLASS");
        if (kind == null || !"DIMENSION_SCALE".equals(String.valueOf(kind.getData()))) {
            return Optional.empty();
        }
        return Optional.of(isDimensionOnly(dataset) ? dataset.getName() : attributeText(dataset, "NAME")
                .orElse(dataset.getName()));
    }

    /**
     * The names of a NetCDF-4 variable's dimensions: those of the dimension scales its
     * DIMENSION_LIST refers to (a reference each), or its own for a coordinate variable, which is
     * its dimension. Empty where they are not all known (plain HDF5).
     */
    private static List<String> dimensionNames(Dataset dataset, Map<Long, String> dimensionsByAddress) {
        Attribute list = dataset.getAttribute("DIMENSION_LIST");
        if (list == null) {
            return dimensionName(dataset).filter(name -> dataset.getDimensions().length == 1).map(List::of)
                    .orElse(List.of());
        }
        if (!(list.getData() instanceof Object[] references)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object reference : references) {
            if (!(reference instanceof long[] addresses) || addresses.length != 1
                    || !dimensionsByAddress.containsKey(addresses[0])) {
                return List.of();
            }
            names.add(dimensionsByAddress.get(addresses[0]));
        }
        return names;
    }

    private static boolean isDimensionOnly(Dataset dataset) {
        return attributeText(dataset, "NAME").filter(name -> name.startsWith(DIMENSION_WITHOUT_VARIABLE)).isPresent();
    }

    private static Optional<String> attributeText(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        return attribute == null ? Optional.empty() : Optional.of(String.valueOf(attribute.getData()));
    }
}
