package io.geoingest.upload.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentTest extends OpenApiContract {
    private static final String STAC_UPLOADS = "/api/stac/v1/collections/{collection}/items/{item}/assets/{asset}/uploads";

    /** The spec's body: a generated client sent an array for each field, and the service answered 400. */
    @Test
    void completeUploadTakesTheSpecsFields() {
        JsonNode body = resolve(paths().path("/public/file/completeUpload").path("post")
                .path("requestBody").path("content").path("application/json").path("schema"));
        assertEquals("object", body.path("type").asText());
        Set<String> required = new HashSet<>();
        body.path("required").forEach(name -> required.add(name.asText()));
        assertEquals(Set.of("uploadId", "key", "fileSize"), required);
        JsonNode fields = body.path("properties");
        assertEquals("string", fields.path("uploadId").path("type").asText());
        assertEquals("string", fields.path("key").path("type").asText());
        assertEquals("integer", fields.path("fileSize").path("type").asText());
        assertEquals("int64", fields.path("fileSize").path("format").asText());
        assertEquals(SourceType.values().length, resolve(fields.path("sourceType")).path("enum").size());
        assertEquals("date-time", fields.path("acquisitionDate").path("format").asText());
        assertEquals("object", fields.path("layerProperties").path("type").asText());
        assertEquals("object", fields.path("vectorMappingProperties").path("type").asText());
        List<String> geometry = new ArrayList<>();
        fields.path("geometry").path("oneOf").forEach(choice -> geometry.add(resolve(choice).path("type").asText()));
        assertEquals(List.of("object", "string"), geometry);
    }

    @Test
    void declaredErrorsKeepTheirDescriptions() {
        assertEquals("Failed to complete upload", paths().path("/public/file/completeUpload").path("post")
                .path("responses").path("500").path("description").asText());
        assertEquals("Failed to generate upload ID", paths().path("/public/file/generateUploadId").path("post")
                .path("responses").path("500").path("description").asText());
        JsonNode forbidden = paths().path(STAC_UPLOADS).path("post").path("responses").path("403");
        assertTrue(forbidden.path("description").asText().endsWith(CatalogOwnership.HOLDS_OTHER_OWNERS_FILE), forbidden::toString);
        assertEquals("#/components/schemas/StacError",
                forbidden.path("content").path("application/json").path("schema").path("$ref").asText());
    }

    @Test
    void sourceTypeIsOneOfTheSourceTypes() {
        JsonNode upload = paths().path("/public/file/upload").path("post");
        assertEquals(SourceType.values().length, resolve(upload.path("requestBody").path("content")
                .path("multipart/form-data").path("schema").path("properties").path("sourceType")).path("enum").size());
        upload.path("parameters").forEach(parameter -> {
            if (parameter.path("name").asText().equals("sourceType")) {
                assertEquals(SourceType.values().length, resolve(parameter.path("schema")).path("enum").size());
            }
        });
        assertEquals("date-time", resolve(schemas().path("UploadedFile")).path("properties").path("createdAt").path("format").asText());
    }

    /** The spec has a client abort the upload upload_id names, then start again. */
    @Test
    void startingAnAssetUploadDocumentsTheUploadInTheWay() {
        JsonNode start = paths().path(STAC_UPLOADS).path("post").path("responses");
        JsonNode inProgress = start.path("400").path("content").path("application/json").path("examples")
                .path("alreadyInProgress").path("value");
        assertEquals("Upload already in progress", inProgress.path("description").asText());
        assertTrue(inProgress.hasNonNull("upload_id"), inProgress::toString);
        assertTrue(start.path("201").path("headers").has("Location"));
        JsonNode get = paths().path(STAC_UPLOADS + "/{uploadId}").path("get");
        Set<String> headers = new HashSet<>();
        get.path("parameters").forEach(parameter -> {
            if (parameter.path("in").asText().equals("header")) {
                headers.add(parameter.path("name").asText());
            }
        });
        assertEquals(Set.of("If-None-Match", "If-Match"), headers);
        assertTrue(get.path("responses").path("200").path("headers").has("ETag"));
        assertTrue(get.path("responses").path("304").path("headers").has("ETag"));
    }
}
