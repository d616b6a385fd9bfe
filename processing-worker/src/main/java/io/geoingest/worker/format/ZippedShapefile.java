package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A zipped shapefile, as vector layers are most often shared. Of each layer (a {@code .shp} with
 * the {@code .dbf} and {@code .prj} of its name beside it): the geometry type and box from the
 * shapefile's fixed 100-byte header (ESRI's Shapefile Technical Description), the feature count
 * from the dBASE table's header, and its CRS from the {@code .prj}. Geographic coordinates in
 * degrees, or a projection ESRI's WKT names as the EPSG registry has it (UTM zones, Web Mercator),
 * place the layer in WGS84; ESRI's WKT names no EPSG code, so a layer in another projection keeps
 * the box in its own coordinates alone, unless QGIS's {@code .qpj} beside it names one.
 */
final class ZippedShapefile {
    private static final int SHAPEFILE_CODE = 9994;
    private static final int SHAPEFILE_VERSION = 1000;
    private static final int HEADER = 100;
    private static final int DBASE_HEADER = 32;
    /** A .prj is one line of WKT; more than this is no CRS. */
    private static final int MAX_PRJ_BYTES = 64 * 1024;
    private static final int LISTED_LAYERS = 100;
    private static final Map<Integer, String> GEOMETRY_TYPES = Map.ofEntries(
            Map.entry(1, "Point"), Map.entry(11, "Point"), Map.entry(21, "Point"),
            Map.entry(8, "MultiPoint"), Map.entry(18, "MultiPoint"), Map.entry(28, "MultiPoint"),
            Map.entry(3, "MultiLineString"), Map.entry(13, "MultiLineString"), Map.entry(23, "MultiLineString"),
            Map.entry(5, "MultiPolygon"), Map.entry(15, "MultiPolygon"), Map.entry(25, "MultiPolygon"),
            Map.entry(31, "MultiPolygon"));
    private static final Pattern ESRI_UTM_ZONE = Pattern.compile("^PROJCS\\[\"(\\w+?)_UTM_Zone_(\\d{1,2})([NS])\"");
    /** The UTM zones the EPSG registry numbers in a row, by ESRI's name of their datum. */
    private static final List<UtmZones> UTM_ZONES = List.of(
            new UtmZones("WGS_1984", "N", 1, 60, 32600), new UtmZones("WGS_1984", "S", 1, 60, 32700),
            new UtmZones("ETRS_1989", "N", 28, 38, 25800), new UtmZones("NAD_1983", "N", 1, 23, 26900));
    /** Other projections by ESRI's names. */
    private static final Map<String, Integer> ESRI_NAMES = Map.of("WGS_1984_Web_Mercator_Auxiliary_Sphere", 3857);

    /** Zones {@code first} to {@code last} of a datum's hemisphere, EPSG code {@code zoneZero} plus the zone. */
    private record UtmZones(String datum, String hemisphere, int first, int last, int zoneZero) {
    }

    private ZippedShapefile() {
    }

    /** The layers' description, when the ZIP holds shapefiles. */
    static Optional<FormatReport> describe(ZipFile zip, List<ZipArchiveEntry> entries) {
        Map<String, ZipArchiveEntry> byName = new HashMap<>();
        entries.forEach(entry -> byName.put(entry.getName().toLowerCase(Locale.ROOT), entry));
        List<ZipArchiveEntry> shapes = entries.stream()
                .filter(entry -> !entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".shp")
                        && !ZipContents.isMacOsFork(entry))
                .toList();
        if (shapes.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        ArrayNode layers = details.putArray("layers");
        LayerTotals totals = new LayerTotals();
        for (ZipArchiveEntry shape : shapes) {
            String base = shape.getName().substring(0, shape.getName().length() - 4);
            byte[] bytes;
            try {
                bytes = head(zip, shape, HEADER);
            } catch (IOException unpacking) {
                // encrypted, or deflated data that does not inflate: no retry reads it (a storage
                // fault under it is rethrown by the caller, StoredObjectStream)
                return Optional.of(FormatReport.unreadable(Format.SHAPEFILE, "the shapefile " + shape.getName()
                        + " cannot be unpacked: " + unpackingProblem(unpacking)));
            }
            // the file code is big-endian, the rest of the header little-endian
            boolean shapefile = bytes.length == HEADER && ByteBuffer.wrap(bytes).getInt(0) == SHAPEFILE_CODE;
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (!shapefile || header.getInt(28) != SHAPEFILE_VERSION) {
                return Optional.of(FormatReport.unreadable(Format.SHAPEFILE, "the shapefile " + shape.getName()
                        + " does not start with a shapefile's header: it is damaged, or no shapefile"));
            }
            Optional<String> type = Optional.ofNullable(GEOMETRY_TYPES.get(header.getInt(32)));
            Optional<Long> count = entry(byName, base + ".dbf").flatMap(dbf -> featureCount(zip, dbf));
            Optional<String> wkt = entry(byName, base + ".prj").flatMap(prj -> text(zip, prj));
            // QGIS long wrote its own .qpj beside the .prj: OGC's WKT, which names the EPSG code
            Optional<String> qgisWkt = entry(byName, base + ".qpj").flatMap(qpj -> text(zip, qpj));
            Bounds box = new Bounds(header.getDouble(36), header.getDouble(44), header.getDouble(52), header.getDouble(60));
            boolean placed = count.map(rows -> rows > 0).orElse(true) && Double.isFinite(box.minX())
                    && box.minX() <= box.maxX() && box.minY() <= box.maxY();
            OptionalInt epsg = Stream.of(qgisWkt, wkt).flatMap(Optional::stream).map(ZippedShapefile::epsg)
                    .filter(OptionalInt::isPresent).findFirst().orElse(OptionalInt.empty());
            Optional<Bounds> wgs84 = placed && epsg.isPresent() ? Wgs84.fromEpsg(epsg.getAsInt(), box) : Optional.empty();
            if (layers.size() < LISTED_LAYERS) {
                ObjectNode layer = layers.addObject().put("name", base.substring(base.lastIndexOf('/') + 1));
                type.ifPresent(geometry -> layer.put("geometryType", geometry));
                count.ifPresent(rows -> layer.put("featureCount", rows));
                wkt.ifPresent(text -> layer.put("crs", crsName(text)));
                epsg.ifPresent(code -> layer.put("epsg", code));
                if (placed) {
                    layer.set("bbox", box.toJson());
                }
                wgs84.ifPresent(place -> layer.set("bboxWgs84", place.toJson()));
            }
            totals.addFeatures(count, type);
            wgs84.ifPresent(totals::addPlace);
        }
        Optional<Bounds> place = totals.describe(details, shapes.size());
        return Optional.of(new FormatReport(Format.SHAPEFILE, details, place, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    private static Optional<ZipArchiveEntry> entry(Map<String, ZipArchiveEntry> byName, String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The dBASE table's record count, a little-endian 32-bit count at byte 4 of its header. */
    private static Optional<Long> featureCount(ZipFile zip, ZipArchiveEntry dbf) {
        try {
            byte[] header = head(zip, dbf, DBASE_HEADER);
            return header.length < DBASE_HEADER ? Optional.empty()
                    : Optional.of(Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(4)));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(ZipFile zip, ZipArchiveEntry prj) {
        try {
            String wkt = new String(head(zip, prj, MAX_PRJ_BYTES), StandardCharsets.UTF_8).trim();
            return wkt.isEmpty() ? Optional.empty() : Optional.of(wkt);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static String unpackingProblem(IOException failure) {
        if (failure instanceof UnsupportedZipFeatureException unsupported) {
            return unsupported.getFeature() == UnsupportedZipFeatureException.Feature.ENCRYPTION
                    ? "it is encrypted; upload the ZIP without a password" : unsupported.getMessage();
        }
        return "its compressed data is damaged (" + failure.getMessage() + "); upload the ZIP again";
    }

    private static byte[] head(ZipFile zip, ZipArchiveEntry entry, int count) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes(count);
        }
    }

    /**
     * The EPSG code the layer is placed by: WGS 84 for longitude and latitude in degrees (on another
     * datum they are metres off, within the tolerance of a box; in grads from Paris they are not),
     * a projection ESRI's name gives the code of, or a code the WKT names.
     */
    static OptionalInt epsg(String wkt) {
        if (WktCrs.isGeographic(wkt)) {
            return WktCrs.isGeographicInDegrees(wkt) ? OptionalInt.of(Wgs84.EPSG_WGS84) : OptionalInt.empty();
        }
        Matcher utm = ESRI_UTM_ZONE.matcher(wkt);
        if (utm.find()) {
            int zone = Integer.parseInt(utm.group(2));
            return UTM_ZONES.stream()
                    .filter(zones -> zones.datum().equals(utm.group(1)) && zones.hemisphere().equals(utm.group(3))
                            && zone >= zones.first() && zone <= zones.last())
                    .mapToInt(zones -> zones.zoneZero() + zone)
                    .findFirst();
        }
        if (wkt.startsWith("PROJCS[") && ESRI_NAMES.containsKey(crsName(wkt))) {
            return OptionalInt.of(ESRI_NAMES.get(crsName(wkt)));
        }
        return WktCrs.ownEpsg(wkt);
    }

    /** The CRS's name, the first quoted string of its WKT. */
    private static String crsName(String wkt) {
        int open = wkt.indexOf('"');
        int close = open < 0 ? -1 : wkt.indexOf('"', open + 1);
        return close < 0 ? wkt : wkt.substring(open + 1, close);
    }
}
