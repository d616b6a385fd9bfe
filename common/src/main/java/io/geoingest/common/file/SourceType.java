package io.geoingest.common.file;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The source types a client may declare for a file, as listed in the gIQ file API. */
public enum SourceType {
    MULTISPECTRAL,
    HYPERSPECTRAL,
    SAR,
    FULL_MOTION_VIDEO,
    PANCHROMATIC,
    POINT,
    LINESTRING,
    POLYGON,
    HEIGHTMAP,
    THERMAL,
    GEOMETRYCOLLECTION,
    TILES3D,
    COMPLEX,
    UNKNOWN,
    ANNOTATION,
    NETCDF,
    LAND_SUBSIDENCE,
    IMAGE,
    CZML;

    /** Parses a declared value, ignoring case and surrounding blanks; blank means {@link #UNKNOWN}. */
    public static Optional<SourceType> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(UNKNOWN);
        }
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.name().equals(wanted)).findFirst();
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The STAC collection that files of this type are catalogued in. */
    public String collectionId() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type whose files are catalogued in this collection, if it is one of those collections. */
    public static Optional<SourceType> ofCollectionId(String collectionId) {
        return Arrays.stream(values()).filter(type -> type.collectionId().equals(collectionId)).findFirst();
    }
}
