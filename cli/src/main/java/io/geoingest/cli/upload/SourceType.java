package io.geoingest.cli.upload;

/**
 * The source types of the gIQ file API. Checked before anything is sent: a chunked upload would
 * otherwise learn of a typo only at its very end. The CLI does not depend on the services' common
 * module, so SourceTypeTest keeps this list equal to theirs.
 */
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
    CZML
}
