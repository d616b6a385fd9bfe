package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.time.StorableDates;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.io.input.BoundedInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A Copernicus Sentinel product as ESA's hubs deliver it: a ZIP of a SAFE directory
 * ({@code <product>.SAFE/}). Where and when it was sensed, and by what, is in one small XML file
 * inside: Sentinel-1's {@code manifest.safe}, Sentinel-2's {@code MTD_MSIL1C.xml} or
 * {@code MTD_MSIL2A.xml} (preferred to the manifest.safe Sentinel-2 products hold as well). That
 * one entry of the ZIP is read ({@link ZipContents}), never the gigabytes of imagery.
 */
final class SafeProduct {
    /** The metadata files are some hundred kilobytes; an entry that inflates beyond this is not read. */
    static final long MAX_METADATA_BYTES = 16 << 20;
    /**
     * Sentinel-2's metadata file by name: MTD_MSIL1C.xml or MTD_MSIL2A.xml, and before format 14
     * (2016) S2A_OPER_MTD_SAFL1C_....xml. Every Sentinel-2 product holds a manifest.safe too.
     */
    private static final Pattern SENTINEL_2 = Pattern.compile(
            "MTD_MSIL(1C|2A)\\.xml|S2[A-D]_OPER_MTD_SAF(L1C|L2A)_.*\\.xml");
    private static final Pattern MANIFEST = Pattern.compile("manifest\\.safe");
    /** The elements read, by local name: the first of each, and every polarisation. */
    private static final Set<String> READ = Set.of("coordinates", "startTime", "stopTime", "familyName", "number",
            "mode", "productType", "transmitterReceiverPolarisation", "pass", "orbitNumber", "relativeOrbitNumber",
            "EXT_POS_LIST", "PRODUCT_START_TIME", "PRODUCT_STOP_TIME", "SPACECRAFT_NAME", "PRODUCT_TYPE",
            "PROCESSING_LEVEL", "Cloud_Coverage_Assessment", "SENSING_ORBIT_NUMBER", "SENSING_ORBIT_DIRECTION");
    private static final GeometryFactory POINTS = new GeometryFactory();

    private SafeProduct() {
    }

    /**
     * The product's description, when the ZIP holds a Sentinel-1 or Sentinel-2 product's metadata
     * file. It is looked for at any depth, the shallowest taken: ZIPs are made from inside the SAFE
     * directory too, or around a folder that holds it.
     */
    static Optional<FormatReport> describe(ZipFile zip, List<ZipArchiveEntry> entries) throws IOException {
        Optional<ZipArchiveEntry> sentinel2 = shallowest(entries, SENTINEL_2);
        if (sentinel2.isPresent()) {
            return describe(zip, sentinel2.get(), found -> Optional.of(sentinel2(found)));
        }
        Optional<ZipArchiveEntry> manifest = shallowest(entries, MANIFEST);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        // other SAFE missions (Sentinel-2 without its MTD file, Sentinel-3...) hold a manifest.safe as well
        boolean namedSentinel1 = folderName(manifest.get()).startsWith("S1");
        return describe(zip, manifest.get(), found -> namedSentinel1 || first(found, "familyName")
                .filter(family -> family.equalsIgnoreCase("SENTINEL-1")).isPresent()
                ? Optional.of(sentinel1(found)) : Optional.empty());
    }

    private static Optional<ZipArchiveEntry> shallowest(List<ZipArchiveEntry> entries, Pattern fileName) {
        return entries.stream().filter(entry -> !entry.isDirectory() && !ZipContents.isMacOsFork(entry))
                .filter(entry -> fileName.matcher(fileName(entry.getName())).matches())
                .min(Comparator.comparingLong(entry -> entry.getName().chars().filter(c -> c == '/').count()));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The name of the folder the entry is in, the product's name (S1A_IW_GRDH_...SAFE); empty at the top. */
    private static String folderName(ZipArchiveEntry entry) {
        String name = entry.getName();
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : fileName(name.substring(0, slash));
    }

    private static Optional<FormatReport> describe(ZipFile zip, ZipArchiveEntry entry,
            Function<Map<String, List<String>>, Optional<FormatReport>> product) throws IOException {
        String name = fileName(entry.getName());
        if (entry.getSize() > MAX_METADATA_BYTES) {
            return Optional.of(unreadable(name + " inflates to " + entry.getSize() + " bytes, more than the "
                    + MAX_METADATA_BYTES + " a product's metadata file takes"));
        }
        Map<String, List<String>> found;
        try (InputStream in = BoundedInputStream.builder().setInputStream(zip.getInputStream(entry))
                .setMaxCount(MAX_METADATA_BYTES).get()) {
            found = elements(in);
        } catch (XMLStreamException malformed) {
            return Optional.of(unreadable(name + " is not well-formed XML (" + malformed.getMessage() + ")"));
        } catch (IOException damaged) {
            return Optional.of(unreadable(name + " cannot be inflated (" + damaged.getMessage() + ")"));
        }
        return product.apply(found);
    }

    private static FormatReport sentinel1(Map<String, List<String>> found) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        List<String> families = found.getOrDefault("familyName", List.of());
        String mission = families.isEmpty() ? "SENTINEL-1" : families.get(0);
        details.put("mission", title(mission));
        first(found, "number").ifPresent(unit -> details.put("platform", title(mission) + unit.trim()));
        details.putArray("instruments").add("C-SAR");
        first(found, "productType").ifPresent(type -> details.put("productType", type));
        first(found, "mode").ifPresent(mode -> details.put("mode", mode));
        ArrayNode polarisations = details.putArray("polarisations");
        found.getOrDefault("transmitterReceiverPolarisation", List.of()).stream().distinct().forEach(polarisations::add);
        first(found, "pass").ifPresent(pass -> details.put("orbitDirection", pass.toLowerCase(Locale.ROOT)));
        number(found, "orbitNumber").ifPresent(orbit -> details.put("absoluteOrbit", orbit.longValue()));
        number(found, "relativeOrbitNumber").ifPresent(orbit -> details.put("relativeOrbit", orbit.longValue()));
        // gml:coordinates: "lat,lon lat,lon ..."
        List<Coordinate> outline = new ArrayList<>();
        first(found, "coordinates").ifPresent(text -> {
            for (String pair : text.trim().split("\\s+")) {
                String[] latLon = pair.split(",");
                if (latLon.length >= 2) {
                    addPoint(outline, latLon[1], latLon[0]);
                }
            }
        });
        return report(details, outline, time(first(found, "startTime")), time(first(found, "stopTime")));
    }

    private static FormatReport sentinel2(Map<String, List<String>> found) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        String platform = first(found, "SPACECRAFT_NAME").orElse("Sentinel-2");
        details.put("mission", "Sentinel-2");
        details.put("platform", platform);
        details.putArray("instruments").add("MSI");
        first(found, "PRODUCT_TYPE").ifPresent(type -> details.put("productType", type));
        first(found, "PROCESSING_LEVEL").ifPresent(level -> details.put("processingLevel", level));
        number(found, "Cloud_Coverage_Assessment").ifPresent(cover -> details.put("cloudCover", cover));
        first(found, "SENSING_ORBIT_DIRECTION")
                .ifPresent(pass -> details.put("orbitDirection", pass.toLowerCase(Locale.ROOT)));
        number(found, "SENSING_ORBIT_NUMBER").ifPresent(orbit -> details.put("relativeOrbit", orbit.longValue()));
        // EXT_POS_LIST: "lat lon lat lon ...", the ring closed
        List<Coordinate> outline = new ArrayList<>();
        first(found, "EXT_POS_LIST").ifPresent(text -> {
            String[] values = text.trim().split("\\s+");
            for (int i = 0; i + 1 < values.length; i += 2) {
                addPoint(outline, values[i + 1], values[i]);
            }
        });
        if (outline.size() > 1 && outline.get(0).equals2D(outline.get(outline.size() - 1))) {
            outline.remove(outline.size() - 1);
        }
        return report(details, outline, time(first(found, "PRODUCT_START_TIME")), time(first(found, "PRODUCT_STOP_TIME")));
    }

    private static FormatReport report(ObjectNode details, List<Coordinate> outline, Optional<Instant> start,
            Optional<Instant> stop) {
        Optional<Footprint> footprint = Footprint.ofOutline(outline);
        Optional<Bounds> bounds = footprint.map(Footprint::bounds);
        if (bounds.isEmpty() && !outline.isEmpty()) {
            // across the antimeridian: the box around the corners, the shorter way round
            bounds = Optional.of(Bounds.of(LonLatBox.of(POINTS.createMultiPointFromCoords(
                    outline.toArray(Coordinate[]::new)))));
        }
        Optional<Instant> end = stop.filter(last -> start.map(first -> !last.isBefore(first)).orElse(true));
        return new FormatReport(Format.SENTINEL_SAFE, details, bounds, footprint.map(Footprint::outline), start,
                start.isPresent() ? end : Optional.empty(), Optional.empty());
    }

    private static FormatReport unreadable(String problem) {
        return FormatReport.unreadable(Format.SENTINEL_SAFE, "the Sentinel product cannot be described: " + problem);
    }

    /** The text of the elements read, in document order, by local name. */
    private static Map<String, List<String>> elements(InputStream in) throws XMLStreamException {
        Map<String, List<String>> found = new HashMap<>();
        XMLStreamReader reader = XmlReading.open(in);
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && READ.contains(reader.getLocalName())) {
                    String name = reader.getLocalName();
                    String text = reader.getElementText().trim();
                    found.computeIfAbsent(name, unused -> new ArrayList<>()).add(text);
                }
            }
        } finally {
            reader.close();
        }
        return found;
    }

    private static Optional<String> first(Map<String, List<String>> found, String name) {
        return found.getOrDefault(name, List.of()).stream().filter(text -> !text.isEmpty()).findFirst();
    }

    private static Optional<Double> number(Map<String, List<String>> found, String name) {
        try {
            return first(found, name).map(Double::valueOf).filter(Double::isFinite);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static void addPoint(List<Coordinate> outline, String longitude, String latitude) {
        try {
            double x = Double.parseDouble(longitude.trim());
            double y = Double.parseDouble(latitude.trim());
            if (Math.abs(x) <= 180 && Math.abs(y) <= 90) {
                outline.add(new Coordinate(Wgs84.rounded(x), Wgs84.rounded(y)));
            }
        } catch (NumberFormatException notANumber) {
            // a corner that is no number places nothing
        }
    }

    /** ESA writes UTC without a zone ("2024-05-13T05:30:12.123456"), and at times with a Z. */
    private static Optional<Instant> time(Optional<String> text) {
        return text.flatMap(value -> {
            try {
                return Optional.of(value.endsWith("Z") ? OffsetDateTime.parse(value).toInstant()
                        : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notATime) {
                return Optional.empty();
            }
        }).flatMap(StorableDates::storable);
    }

    /** "SENTINEL-1" as "Sentinel-1". */
    private static String title(String mission) {
        String trimmed = mission.trim();
        return trimmed.isEmpty() ? trimmed : trimmed.charAt(0) + trimmed.substring(1).toLowerCase(Locale.ROOT);
    }
}
