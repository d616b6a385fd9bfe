package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * An item's {@code stac_extensions}: those its writer declared, and those of the fields this API
 * and the worker write that are not declared already, so that clients that go by the declarations
 * (pystac's extension helpers, odc-stac, validators) find them: {@code file:checksum} and
 * {@code file:size} of uploaded files, the worker's {@code proj:epsg}, {@code proj:bbox} and
 * {@code proj:shape}, its {@code raster:bands} and {@code cube:dimensions}, and a satellite scene's
 * {@code sat:}, {@code sar:}, {@code view:} and {@code eo:cloud_cover} fields. Any version a writer declared stands.
 */
final class UsedExtensions {
    private static final String EXTENSIONS = "https://stac-extensions.github.io/";
    static final String PROJECTION = EXTENSIONS + "projection/v1.1.0/schema.json";
    static final String FILE = EXTENSIONS + "file/v2.1.0/schema.json";
    static final String RASTER = EXTENSIONS + "raster/v1.1.0/schema.json";
    static final String DATACUBE = EXTENSIONS + "datacube/v2.2.0/schema.json";
    static final String SAT = EXTENSIONS + "sat/v1.0.0/schema.json";
    static final String SAR = EXTENSIONS + "sar/v1.0.0/schema.json";
    static final String EO = EXTENSIONS + "eo/v1.1.0/schema.json";
    static final String VIEW = EXTENSIONS + "view/v1.0.0/schema.json";

    private UsedExtensions() {
    }

    /** Empty when none is declared or used; a declaration that is no list is left as it was written. */
    static Optional<JsonNode> of(JsonNode declared, ObjectNode properties, ObjectNode assets) {
        if (declared != null && !declared.isArray()) {
            return Optional.of(declared);
        }
        ArrayNode extensions = declared == null ? JsonNodeFactory.instance.arrayNode() : ((ArrayNode) declared).deepCopy();
        // the projection extension requires proj:epsg (null where the data has no EPSG code)
        if (properties.has("proj:epsg") || anyAsset(assets, asset -> asset.has("proj:epsg"))) {
            declareUnlessAnyVersion(extensions, PROJECTION, "projection/");
        }
        if (anyAsset(assets, asset -> asset.has("file:checksum") || asset.has("file:size"))) {
            declareUnlessAnyVersion(extensions, FILE, "file/");
        }
        if (anyAsset(assets, asset -> asset.has("raster:bands"))) {
            declareUnlessAnyVersion(extensions, RASTER, "raster/");
        }
        if (properties.has("cube:dimensions")) {
            declareUnlessAnyVersion(extensions, DATACUBE, "datacube/");
        }
        if (hasFieldStartingWith(properties, "sat:")) {
            declareUnlessAnyVersion(extensions, SAT, "sat/");
        }
        if (properties.has("sar:instrument_mode")) {
            declareUnlessAnyVersion(extensions, SAR, "sar/");
        }
        if (properties.has("eo:cloud_cover")) {
            declareUnlessAnyVersion(extensions, EO, "eo/");
        }
        if (hasFieldStartingWith(properties, "view:")) {
            declareUnlessAnyVersion(extensions, VIEW, "view/");
        }
        return extensions.isEmpty() && declared == null ? Optional.empty() : Optional.of(extensions);
    }

    private static boolean hasFieldStartingWith(ObjectNode properties, String prefix) {
        return StreamSupport.stream(((Iterable<String>) properties::fieldNames).spliterator(), false)
                .anyMatch(name -> name.startsWith(prefix));
    }

    private static boolean anyAsset(ObjectNode assets, Predicate<JsonNode> test) {
        return StreamSupport.stream(assets.spliterator(), false).anyMatch(test);
    }

    private static void declareUnlessAnyVersion(ArrayNode extensions, String url, String name) {
        boolean declared = StreamSupport.stream(extensions.spliterator(), false)
                .anyMatch(extension -> extension.asText().startsWith(EXTENSIONS + name));
        if (!declared) {
            extensions.add(url);
        }
    }
}
