package io.geoingest.worker.format;

import java.util.Optional;

/** The formats the worker recognises from a file's bytes, with the media type it stores for each. */
public enum Format {
    GEOTIFF("GeoTIFF", Family.RASTER, "image/tiff; application=geotiff"),
    /** A GeoTIFF laid out for reading in ranges (its directories first, tiles, overviews), as STAC types one. */
    CLOUD_OPTIMIZED_GEOTIFF("Cloud Optimized GeoTIFF", Family.RASTER, "image/tiff; application=geotiff; profile=cloud-optimized"),
    TIFF("TIFF", Family.RASTER, "image/tiff"),
    PNG("PNG", Family.RASTER, "image/png"),
    JPEG("JPEG", Family.RASTER, "image/jpeg"),
    JPEG2000("JPEG 2000", Family.RASTER, "image/jp2"),
    /** A Copernicus Sentinel-1 or Sentinel-2 product: a ZIP of its SAFE directory, described by its metadata file. */
    SENTINEL_SAFE("Sentinel SAFE product", Family.RASTER, "application/zip"),
    /** A Landsat Collection 2 product: a tar of its bands, described by its {@code _MTL.json}. */
    LANDSAT_PRODUCT("Landsat product", Family.RASTER, "application/x-tar"),
    /** Another raster image that Java ImageIO reads (GIF, BMP...); its media type is the detected one. */
    OTHER_IMAGE("image", Family.RASTER, null),
    GEOJSON("GeoJSON", Family.VECTOR, "application/geo+json"),
    /** Features one after the other (RFC 8142, or one per line), as {@code ogr2ogr -f GeoJSONSeq} writes them. */
    GEOJSON_SEQUENCE("GeoJSON text sequence", Family.VECTOR, "application/geo+json-seq"),
    /** Layers in an SQLite database (OGC GeoPackage), as GDAL and QGIS write vector data by default. */
    GEOPACKAGE("GeoPackage", Family.VECTOR, "application/geopackage+sqlite3"),
    /** Shapefiles in a ZIP, the layers ESRI's format keeps in a .shp, .dbf and .prj each. */
    SHAPEFILE("Shapefile", Family.VECTOR, "application/zip"),
    /** Features in FlatGeobuf, the binary, optionally indexed layer format GDAL and web maps stream. */
    FLATGEOBUF("FlatGeobuf", Family.VECTOR, "application/vnd.flatgeobuf"),
    /** Features in Geography Markup Language (OGC GML 2, 3.1, 3.2), as WFS services and INSPIRE downloads deliver them. */
    GML("GML", Family.VECTOR, "application/gml+xml"),
    /** Placemarks and overlays in Keyhole Markup Language (OGC KML 2.2), as Google Earth writes them. */
    KML("KML", Family.VECTOR, "application/vnd.google-earth.kml+xml"),
    /** KML zipped with the images and models it refers to. */
    KMZ("KMZ", Family.VECTOR, "application/vnd.google-earth.kmz"),
    /** Waypoints, routes and tracks in the GPS Exchange Format, as receivers, drones and tracking apps write them. */
    GPX("GPX", Family.VECTOR, "application/gpx+xml"),
    /** A GeoPackage of raster tiles (or gridded coverages) and no features. */
    GEOPACKAGE_TILES("GeoPackage tiles", Family.RASTER, "application/geopackage+sqlite3"),
    CZML("CZML", Family.CZML, "application/json"),
    /** Well-formed JSON that is neither GeoJSON nor CZML. */
    JSON("JSON", Family.JSON, "application/json"),
    /** A 3D Tiles tileset's JSON ({@code tileset.json}): the tree of tiles and where it lies. */
    TILESET_3D("3D Tiles tileset", Family.THREE_D, "application/json"),
    /** A tile's content in a 3D Tiles format (batched or instanced models, points, composites). */
    TILE_3D("3D Tiles tile", Family.THREE_D, "application/octet-stream"),
    /** A binary glTF model, the content of 3D Tiles 1.1 tiles. */
    GLTF_BINARY("glTF binary", Family.THREE_D, "model/gltf-binary"),
    NETCDF("NetCDF", Family.SCIENTIFIC, "application/x-netcdf"),
    HDF5("HDF5", Family.SCIENTIFIC, "application/x-hdf5"),
    VIDEO("video", Family.VIDEO, null),
    UNRECOGNISED("unrecognised", Family.OTHER, null);

    /** Kinds of content; what a declared source type may hold is stated in families. */
    public enum Family {
        RASTER("a raster image"),
        VECTOR("vector data"),
        CZML("a CZML document"),
        JSON("a JSON document"),
        SCIENTIFIC("NetCDF or HDF5 data"),
        THREE_D("3D tiles or a 3D model"),
        VIDEO("a video"),
        OTHER("content of no recognised format");

        private final String description;

        Family(String description) {
            this.description = description;
        }

        /** How the family is named in failure reasons. */
        public String description() {
            return description;
        }
    }

    private final String title;
    private final Family family;
    private final String mediaType;

    Format(String title, Family family, String mediaType) {
        this.title = title;
        this.family = family;
        this.mediaType = mediaType;
    }

    /** The name people know the format by, as stored in the metadata's {@code format}. */
    public String title() {
        return title;
    }

    public Family family() {
        return family;
    }

    /**
     * Whether the family is known from the signature alone: a GeoPackage's is known once it is
     * read (vector data, or tiles only).
     */
    public boolean familyKnownBeforeReading() {
        return this != GEOPACKAGE;
    }

    /** Whether a detected media type is the format's own. */
    public boolean hasMediaType(String detected) {
        return detected.equals(mediaType);
    }

    /** The media type of the format, when it has one of its own (not for the catch-all formats). */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }
}
