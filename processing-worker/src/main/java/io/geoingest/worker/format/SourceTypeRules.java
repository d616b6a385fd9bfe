package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.file.SourceType;
import io.geoingest.worker.format.Format.Family;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How declared source types and the formats found in the bytes relate, in one place: which kinds
 * of content each source type may hold, and which source type a file declared {@code UNKNOWN} gets.
 *
 * <p>A file fails only on a clear mismatch: content of a recognised kind that the declared type
 * cannot hold (a PNG declared NETCDF). Content of no recognised format passes, since raster and
 * vector data come in many formats the worker does not read, except for NETCDF and CZML, which are
 * single formats whose signature is checked.
 */
public final class SourceTypeRules {
    private static final Map<SourceType, Set<Family>> HOLDS = new EnumMap<>(SourceType.class);

    static {
        Set<Family> raster = EnumSet.of(Family.RASTER, Family.OTHER);
        Set<Family> rasterOrScientific = EnumSet.of(Family.RASTER, Family.SCIENTIFIC, Family.OTHER);
        Set<Family> vector = EnumSet.of(Family.VECTOR, Family.OTHER);
        Set<Family> anything = EnumSet.allOf(Family.class);
        for (SourceType type : SourceType.values()) {
            HOLDS.put(type, switch (type) {
                case IMAGE, PANCHROMATIC -> raster;
                case MULTISPECTRAL, HYPERSPECTRAL, SAR, THERMAL, HEIGHTMAP, LAND_SUBSIDENCE -> rasterOrScientific;
                case POINT, LINESTRING, POLYGON, GEOMETRYCOLLECTION -> vector;
                case ANNOTATION -> EnumSet.of(Family.VECTOR, Family.JSON, Family.OTHER);
                case CZML -> EnumSet.of(Family.CZML);
                case NETCDF -> EnumSet.of(Family.SCIENTIFIC);
                case FULL_MOTION_VIDEO -> EnumSet.of(Family.VIDEO, Family.OTHER);
                case TILES3D, COMPLEX, UNKNOWN -> anything;
            });
        }
    }

    private SourceTypeRules() {
    }

    public static boolean holds(SourceType declared, Family family) {
        return HOLDS.get(declared).contains(family);
    }

    /** Whether files of the type are JSON documents, so that invalid JSON is a fault of the file. */
    public static boolean expectsJson(SourceType declared) {
        Set<Family> families = HOLDS.get(declared);
        return !families.contains(Family.RASTER)
                && (families.contains(Family.VECTOR) || families.contains(Family.CZML) || families.contains(Family.JSON));
    }

    /**
     * @param mediaType the file's media type, as its status will show it
     * @return the failure reason when the content cannot be of the declared type, naming the types that can hold it
     */
    public static Optional<String> mismatch(SourceType declared, FormatReport report, String mediaType) {
        Family family = report.format().family();
        if (holds(declared, family)) {
            return Optional.empty();
        }
        String content = family == Family.OTHER
                ? "is " + mediaType + ", " + family.description()
                : "is " + family.description() + " (" + report.format().title() + ", " + mediaType + ")";
        Optional<SourceType> suggested = infer(report);
        List<String> others = Arrays.stream(SourceType.values())
                .filter(type -> holds(type, family) && !suggested.equals(Optional.of(type)))
                .map(SourceType::name)
                .sorted(Comparator.comparing((String name) -> name.equals(SourceType.UNKNOWN.name()))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        String othersText = String.join(", ", others.subList(0, others.size() - 1)) + " or " + others.get(others.size() - 1);
        String advice = suggested
                .map(type -> "; upload it with sourceType " + type + ", which its content suggests, or another that"
                        + " holds it: " + othersText)
                .orElse("; upload it with a sourceType that holds it: " + othersText);
        return Optional.of("declared sourceType " + declared + " does not match the content: the file " + content + advice);
    }

    /** The source type the content suggests, for files declared {@code UNKNOWN}. */
    public static Optional<SourceType> infer(FormatReport report) {
        JsonNode details = report.details();
        return switch (report.format()) {
            case GEOTIFF, CLOUD_OPTIMIZED_GEOTIFF, TIFF -> Optional.of(rasterType(details));
            case PNG, JPEG, JPEG2000, OTHER_IMAGE, GEOPACKAGE_TILES -> Optional.of(SourceType.IMAGE);
            case GEOJSON, GEOJSON_SEQUENCE, GEOPACKAGE, SHAPEFILE, FLATGEOBUF, GML, KML, KMZ, GPX -> vectorType(details);
            case CZML -> Optional.of(SourceType.CZML);
            case NETCDF, HDF5 -> Optional.of(SourceType.NETCDF);
            case VIDEO -> Optional.of(SourceType.FULL_MOTION_VIDEO);
            case TILESET_3D, TILE_3D, GLTF_BINARY -> Optional.of(SourceType.TILES3D);
            case SENTINEL_SAFE, LANDSAT_PRODUCT -> Optional.of(details.path("mission").asText().equals("Sentinel-1")
                    ? SourceType.SAR : SourceType.MULTISPECTRAL);
            case JSON, UNRECOGNISED -> Optional.empty();
        };
    }

    /** Complex samples are SAR; two bands, or more than three besides alpha, are multispectral. */
    private static SourceType rasterType(JsonNode details) {
        if (details.path("dataType").asText().startsWith("c")) {
            return SourceType.SAR;
        }
        int spectralBands = details.path("bands").asInt(1) - (details.path("alpha").asBoolean() ? 1 : 0);
        return spectralBands == 2 || spectralBands > 3 ? SourceType.MULTISPECTRAL : SourceType.IMAGE;
    }

    private static Optional<SourceType> vectorType(JsonNode details) {
        Set<String> types = new HashSet<>();
        details.path("geometryTypes").forEach(type -> types.add(type.asText().replace("Multi", "")));
        if (types.isEmpty()) {
            return Optional.empty();
        }
        if (types.size() > 1 || types.contains("GeometryCollection")) {
            return Optional.of(SourceType.GEOMETRYCOLLECTION);
        }
        return Optional.of(switch (types.iterator().next()) {
            case "Point" -> SourceType.POINT;
            case "LineString", "LinearRing" -> SourceType.LINESTRING;
            default -> SourceType.POLYGON;
        });
    }
}
