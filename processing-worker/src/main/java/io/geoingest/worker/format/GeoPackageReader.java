package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.ProjCoordinate;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A GeoPackage (OGC 12-128, an SQLite database) as its table of contents describes it: each
 * layer's kind, geometry type, CRS, box and feature count, read with SQLite itself (sqlite-jdbc),
 * opened read-only and immutable so that nothing in or beside the file is written. The file is
 * placed in WGS84 by the boxes of its layers. A statement that runs out of its time (a count of
 * a huge table on a slow disk) is interrupted, and what it would have told is left out; views,
 * which a hostile file may define to run for ever, are not counted.
 */
final class GeoPackageReader {
    /** "SQLite format 3" and a NUL: the first bytes of every SQLite database. */
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** The application ids of GeoPackage 1.2 and later ("GPKG") and of 1.0 and 1.1 ("GP10", "GP11"). */
    private static final Set<Integer> APPLICATION_IDS = Set.of(0x47504B47, 0x47503130, 0x47503131);
    /** The kinds of layer that hold raster data: tile pyramids, and gridded coverages (elevation). */
    private static final Set<String> RASTER_DATA_TYPES = Set.of("tiles", "2d-gridded-coverage");
    private static final int APPLICATION_ID_OFFSET = 68;
    /** Layers described one by one; a GeoPackage of thousands of tables is counted, not listed. */
    private static final int LISTED_LAYERS = 100;
    /** Time for reading the table of contents; for counting one table's rows; for counting them all. */
    private static final Duration CONTENTS_BUDGET = Duration.ofSeconds(10);
    private static final Duration COUNT_BUDGET = Duration.ofSeconds(5);
    private static final Duration COUNTS_BUDGET = Duration.ofSeconds(20);
    /** Time for reading the spatial indexes' boxes, of all layers together, for the outline. */
    private static final Duration OUTLINE_BUDGET = Duration.ofSeconds(10);
    /**
     * The most features outlined: reading a million boxes from the indexes and placing them takes a
     * second or two; ten million would take the worker's time for the file up to the budget.
     */
    private static final long MAX_OUTLINED_FEATURES = 1_000_000;
    /** SQLite calls the progress handler every so many virtual machine instructions. */
    private static final int PROGRESS_STEPS = 10_000;
    /**
     * GeoPackage's geometry type names as GeoJSON names the nearest type, for the source type a file
     * suggests; GEOMETRY (any) suggests none.
     */
    private static final Map<String, String> GEOJSON_TYPES = Map.ofEntries(
            Map.entry("POINT", "Point"), Map.entry("MULTIPOINT", "MultiPoint"),
            Map.entry("LINESTRING", "LineString"), Map.entry("CIRCULARSTRING", "LineString"),
            Map.entry("COMPOUNDCURVE", "LineString"), Map.entry("CURVE", "LineString"),
            Map.entry("MULTILINESTRING", "MultiLineString"), Map.entry("MULTICURVE", "MultiLineString"),
            Map.entry("POLYGON", "Polygon"), Map.entry("CURVEPOLYGON", "Polygon"), Map.entry("SURFACE", "Polygon"),
            Map.entry("MULTIPOLYGON", "MultiPolygon"), Map.entry("MULTISURFACE", "MultiPolygon"),
            Map.entry("GEOMETRYCOLLECTION", "GeometryCollection"));

    private GeoPackageReader() {
    }

    /** Whether the first bytes are those of an SQLite database that says it is a GeoPackage. */
    static boolean isGeoPackage(byte[] head) {
        return head.length >= APPLICATION_ID_OFFSET + 4
                && Arrays.equals(head, 0, SQLITE.length, SQLITE, 0, SQLITE.length)
                && APPLICATION_IDS.contains(ByteBuffer.wrap(head, APPLICATION_ID_OFFSET, 4).getInt());
    }

    static FormatReport read(Path file) throws IOException {
        long stored = Files.size(file);
        long declared = declaredSize(file);
        if (declared > stored) {
            return FormatReport.unreadable(Format.GEOPACKAGE, "the GeoPackage is truncated: its header declares "
                    + declared + " bytes but only " + stored + " were stored; upload the complete file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        try (Connection sqlite = config.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1")) {
            Deadline deadline = new Deadline();
            ProgressHandler.setHandler(sqlite, PROGRESS_STEPS, deadline);
            return describe(sqlite, deadline);
        } catch (SQLException e) {
            return FormatReport.unreadable(Format.GEOPACKAGE, "the GeoPackage cannot be read: " + e.getMessage()
                    + "; it is damaged or not a GeoPackage");
        }
    }

    /** Interrupts the statement under way once its time is up. */
    private static final class Deadline extends ProgressHandler {
        private volatile long at;

        /** Gives the statements that follow {@code time} to run. */
        void allow(Duration time) {
            at = System.nanoTime() + time.toNanos();
        }

        @Override
        protected int progress() {
            return System.nanoTime() > at ? 1 : 0;
        }
    }

    /** Page size times page count, as the database header gives them (a page size of 1 means 65,536). */
    private static long declaredSize(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(32);
        try (FileChannel channel = FileChannel.open(file)) {
            channel.read(header, 0);
        }
        int pageSize = Short.toUnsignedInt(header.getShort(16));
        long pages = Integer.toUnsignedLong(header.getInt(28));
        return (pageSize == 1 ? 65_536L : pageSize) * pages;
    }

    /** A row of the table of contents; {@code geometryColumn} names the column a spatial index is named after. */
    private record Layer(String table, String dataType, Optional<Bounds> box, OptionalInt epsg,
            Optional<String> geometryType, Optional<String> geometryColumn, boolean isTable) {
    }

    private static FormatReport describe(Connection sqlite, Deadline deadline) throws SQLException {
        deadline.allow(CONTENTS_BUDGET);
        List<Layer> contents = contents(sqlite);
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        ArrayNode layers = details.putArray("layers");
        LayerTotals totals = new LayerTotals();
        boolean featureLayers = false;
        long countsEnd = System.nanoTime() + COUNTS_BUDGET.toNanos();
        for (Layer layer : contents) {
            boolean features = "features".equals(layer.dataType());
            // a view may be defined to take for ever: only tables are counted, each in its own time
            Optional<Long> count = Optional.empty();
            if (features && layer.isTable() && System.nanoTime() < countsEnd) {
                deadline.allow(COUNT_BUDGET);
                count = count(sqlite, layer.table());
            }
            // many writers leave the box of the table of contents empty; the spatial index holds one.
            // A table whose features were all deleted keeps the box it had: it lies nowhere now.
            boolean emptied = count.filter(rows -> rows == 0).isPresent();
            Optional<Bounds> asGiven = emptied ? Optional.empty()
                    : layer.box().isPresent() || !features ? layer.box() : indexedBox(sqlite, layer);
            Optional<Bounds> wgs84 = layer.epsg().isPresent()
                    ? asGiven.flatMap(box -> Wgs84.fromEpsg(layer.epsg().getAsInt(), box)) : Optional.empty();
            if (layers.size() < LISTED_LAYERS) {
                ObjectNode described = layers.addObject();
                described.put("name", layer.table());
                described.put("dataType", layer.dataType());
                layer.geometryType().ifPresent(type -> described.put("geometryType", type));
                count.ifPresent(rows -> described.put("featureCount", rows));
                layer.epsg().ifPresent(code -> described.put("crs", "EPSG:" + code).put("epsg", code));
                asGiven.ifPresent(box -> described.set("bbox", box.toJson()));
                wgs84.ifPresent(box -> described.set("bboxWgs84", box.toJson()));
            }
            Optional<String> geometryType = layer.geometryType()
                    .map(type -> GEOJSON_TYPES.get(type.toUpperCase(Locale.ROOT)));
            featureLayers |= features;
            if (features) {
                totals.addFeatures(count, geometryType);
            } else {
                totals.addType(count, geometryType);
            }
            wgs84.ifPresent(totals::addPlace);
        }
        Optional<Bounds> place = totals.describe(details, contents.size());
        // raster tiles and gridded coverages alone are a raster, not vector data (attributes alone are neither)
        boolean rasterLayers = contents.stream().anyMatch(layer -> RASTER_DATA_TYPES.contains(layer.dataType()));
        Format format = rasterLayers && !featureLayers ? Format.GEOPACKAGE_TILES : Format.GEOPACKAGE;
        // an index keeps its boxes in single precision, rounded outwards: the hull is kept within the box
        Optional<Polygon> outline = rasterLayers || !totals.everyCountKnown() || totals.featureCount() > MAX_OUTLINED_FEATURES
                ? Optional.empty()
                : place.flatMap(box -> hull(sqlite, contents, deadline).flatMap(hull -> hull.within(box)));
        return new FormatReport(format, details, place, outline, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The hull of the boxes of every feature in the layers' spatial indexes, in longitude and
     * latitude: where the features lie, more closely than the layers' boxes. None when a layer that
     * holds features has no index or no CRS Proj4J knows, or the indexes cannot be read in time.
     */
    private static Optional<StreamingHull> hull(Connection sqlite, List<Layer> contents, Deadline deadline) {
        StreamingHull hull = new StreamingHull();
        ProjCoordinate lonLat = new ProjCoordinate();
        deadline.allow(OUTLINE_BUDGET);
        for (Layer layer : contents) {
            if (!"features".equals(layer.dataType()) || layer.box().isEmpty() && indexedBox(sqlite, layer).isEmpty()) {
                continue;
            }
            Optional<String> index = spatialIndex(sqlite, layer);
            Optional<Wgs84.PointTransform> toLonLat = layer.epsg().isPresent()
                    ? Wgs84.pointTransform(layer.epsg().getAsInt()) : Optional.empty();
            if (index.isEmpty() || toLonLat.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement boxes = sqlite.prepareStatement("select minx, miny, maxx, maxy from "
                    + quoted(index.get())); ResultSet box = boxes.executeQuery()) {
                while (box.next()) {
                    for (int x : new int[] {1, 3}) {
                        for (int y : new int[] {2, 4}) {
                            if (!toLonLat.get().toLongitudeLatitude(box.getDouble(x), box.getDouble(y), lonLat)) {
                                return Optional.empty();
                            }
                            hull.position(Wgs84.rounded(lonLat.x), Wgs84.rounded(lonLat.y));
                        }
                    }
                }
            } catch (SQLException unreadableOrOutOfTime) {
                return Optional.empty();
            }
        }
        return Optional.of(hull);
    }

    /**
     * The box of a feature table's spatial index (the R-tree GDAL and QGIS make,
     * {@code rtree_<table>_<column>}); empty without one, or when it cannot be read in time.
     */
    private static Optional<Bounds> indexedBox(Connection sqlite, Layer layer) {
        Optional<String> index = spatialIndex(sqlite, layer);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement extent = sqlite.prepareStatement("select min(minx), min(miny), max(maxx), max(maxy) from "
                + quoted(index.get())); ResultSet box = extent.executeQuery()) {
            return box.next() && box.getObject(1) != null
                    ? Optional.of(new Bounds(box.getDouble(1), box.getDouble(2), box.getDouble(3), box.getDouble(4)))
                    : Optional.empty();
        } catch (SQLException unreadable) {
            return Optional.empty();
        }
    }

    /** The name of a feature table's spatial index, if it has one. */
    private static Optional<String> spatialIndex(Connection sqlite, Layer layer) {
        if (layer.geometryColumn().isEmpty()) {
            return Optional.empty();
        }
        String index = "rtree_" + layer.table() + "_" + layer.geometryColumn().get();
        try {
            return tableExists(sqlite, index) ? Optional.of(index) : Optional.empty();
        } catch (SQLException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean tableExists(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement exists = sqlite.prepareStatement(
                "select 1 from sqlite_master where type = 'table' and name = ?")) {
            exists.setString(1, table);
            try (ResultSet found = exists.executeQuery()) {
                return found.next();
            }
        }
    }

    private static boolean columnExists(Connection sqlite, String table, String column) throws SQLException {
        try (PreparedStatement exists = sqlite.prepareStatement("select 1 from pragma_table_info(?) where name = ?")) {
            exists.setString(1, table);
            exists.setString(2, column);
            try (ResultSet found = exists.executeQuery()) {
                return found.next();
            }
        }
    }

    /** An SQL identifier, quoted: table names come from the file. */
    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static List<Layer> contents(Connection sqlite) throws SQLException {
        // a GeoPackage of tiles or attributes alone may lack the table of geometry columns
        boolean geometryColumns = tableExists(sqlite, "gpkg_geometry_columns");
        String geometry = geometryColumns ? "g.geometry_type_name, g.column_name" : "null, null";
        String geometryJoin = geometryColumns ? "left join gpkg_geometry_columns g on g.table_name = c.table_name" : "";
        // the CRS WKT extension's WKT 2 stands for an SRS that WKT 1 cannot define ("undefined")
        String definition = columnExists(sqlite, "gpkg_spatial_ref_sys", "definition_12_063")
                ? "case when s.definition = 'undefined' then s.definition_12_063 else s.definition end"
                : "s.definition";
        List<Layer> layers = new ArrayList<>();
        try (Statement statement = sqlite.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select c.table_name, c.data_type, c.min_x, c.min_y, c.max_x, c.max_y, s.organization,
                               s.organization_coordsys_id, %s, %s,
                               (select type from sqlite_master m where m.name = c.table_name)
                        from gpkg_contents c
                        left join gpkg_spatial_ref_sys s on s.srs_id = c.srs_id
                        %s
                        order by c.table_name""".formatted(definition, geometry, geometryJoin))) {
            while (rows.next()) {
                OptionalInt epsg = "EPSG".equalsIgnoreCase(rows.getString(7)) && rows.getObject(8) != null
                        ? OptionalInt.of(rows.getInt(8)) : WktCrs.epsg(rows.getString(9));
                layers.add(new Layer(rows.getString(1), String.valueOf(rows.getString(2)), box(rows), epsg,
                        Optional.ofNullable(rows.getString(10)), Optional.ofNullable(rows.getString(11)),
                        "table".equals(rows.getString(12))));
            }
        }
        return layers;
    }

    /** The layer's box as its contents row gives it; many writers leave it out. */
    private static Optional<Bounds> box(ResultSet contents) throws SQLException {
        double[] edges = new double[4];
        for (int i = 0; i < 4; i++) {
            if (contents.getObject(3 + i) == null) {
                return Optional.empty();
            }
            edges[i] = contents.getDouble(3 + i);
            if (!Double.isFinite(edges[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(new Bounds(edges[0], edges[1], edges[2], edges[3]));
    }

    /** The rows of a feature table; empty when SQLite cannot count them within the budget. */
    private static Optional<Long> count(Connection sqlite, String table) {
        try (PreparedStatement statement = sqlite.prepareStatement("select count(*) from " + quoted(table));
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
        } catch (SQLException interruptedOrDamaged) {
            return Optional.empty();
        }
    }
}
