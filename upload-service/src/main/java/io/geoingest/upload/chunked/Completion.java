package io.geoingest.upload.chunked;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.geo.GeoJsonGeometries;
import io.geoingest.common.text.Storable;
import io.geoingest.common.time.StorableDates;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.UploadMetadata;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A checked {@code completeUpload} request. */
public record Completion(String uploadId, String key, long fileSize, SourceType sourceType, UploadMetadata metadata) {
    /** For a geometry given as a string: read as strictly as request bodies are (see StrictJson). */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    /** 2024-09-17T10:30:00.000+0000, as Jackson before 2.11 writes a java.util.Date. */
    private static final DateTimeFormatter OFFSET_WITHOUT_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();
    private static final List<Function<String, Instant>> DATE_FORMS = List.of(
            text -> OffsetDateTime.parse(text).toInstant(),
            text -> OffsetDateTime.parse(text, OFFSET_WITHOUT_COLON).toInstant(),
            text -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC),
            text -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());

    public static Completion of(CompleteUploadRequest request) {
        if (request == null) {
            throw FileApiProblem.badRequest("Bad Request: a JSON body with uploadId, key and fileSize is required");
        }
        String uploadId = requiredText("uploadId", request.uploadId());
        String key = requiredText("key", request.key());
        long fileSize = fileSize(request.fileSize());
        SourceType sourceType = RequestValues.sourceType(optionalText("sourceType", request.sourceType()));
        UploadMetadata metadata = new UploadMetadata(
                given(request.geometry()).map(Completion::geometry).map(value -> storable("geometry", value)),
                given(request.acquisitionDate()).map(Completion::acquisitionDate),
                given(request.layerProperties()).map(value -> storable("layerProperties", value)),
                given(request.vectorMappingProperties()).map(value -> storable("vectorMappingProperties", value)));
        return new Completion(uploadId, key, fileSize, sourceType, metadata);
    }

    private static Optional<JsonNode> given(JsonNode value) {
        return Optional.ofNullable(value).filter(node -> !node.isNull() && !node.isMissingNode());
    }

    private static String requiredText(String name, JsonNode value) {
        return optionalText(name, value).orElseThrow(() -> FileApiProblem.badRequest("Bad Request: " + name + " is required"));
    }

    private static Optional<String> optionalText(String name, JsonNode value) {
        return given(value).map(node -> {
            if (!node.isTextual()) {
                throw FileApiProblem.badRequest("Bad Request: " + name + " must be a string");
            }
            return node.asText();
        }).filter(text -> !text.isBlank());
    }

    private static long fileSize(JsonNode value) {
        JsonNode size = given(value).orElseThrow(
                () -> FileApiProblem.badRequest("Bad Request: fileSize is required: the total size of the file in bytes"));
        if (size.isIntegralNumber() && size.canConvertToLong() && size.asLong() >= 0) {
            return size.asLong();
        }
        if (size.isTextual()) {
            return RequestValues.byteCount("fileSize", size.asText());
        }
        throw FileApiProblem.badRequest("Bad Request: fileSize must be a whole number of bytes (0 or more), not " + size);
    }

    /**
     * A valid GeoJSON geometry in WGS 84, given as such, as a string that holds one, or as
     * well-known text (the spec types the field as a String), which is stored as its GeoJSON.
     */
    private static JsonNode geometry(JsonNode value) {
        JsonNode geometry = value;
        if (value.isTextual()) {
            String text = value.asText().trim();
            try {
                geometry = text.startsWith("{") ? JSON.readTree(text) : GeoJsonGeometries.fromWellKnownText(text).orElse(null);
            } catch (JsonProcessingException e) {
                geometry = null;
            }
        }
        if (geometry == null || !geometry.isObject() || !geometry.path("type").isTextual()) {
            throw FileApiProblem.badRequest("Bad Request: geometry must be a GeoJSON geometry: a JSON object with a \"type\""
                    + " (or a string that holds one), such as {\"type\": \"Point\", \"coordinates\": [55.27, 25.2]},"
                    + " or well-known text such as POINT (55.27 25.2), in WGS 84 longitude/latitude");
        }
        // the file's catalog item takes it as its geometry, which the STAC API would refuse if invalid
        GeoJsonGeometries.require("geometry", geometry, problem -> FileApiProblem.badRequest("Bad Request: " + problem));
        return geometry;
    }

    /**
     * A JSON value the database can store as sent: PostgreSQL's jsonb holds no U+0000 character,
     * and would store a number beyond the range of a double
     * (1e400) as the text "Infinity" and a lone UTF-16 surrogate as "?" ({@link Storable#keptAsSent}).
     * Checked here, before completion assembles anything: a refusal by the database at the end would
     * cost the client its upload.
     */
    private static JsonNode storable(String name, JsonNode value) {
        if (!Storable.keptAsSent(value) || Storable.holdsNulCharacter(value)) {
            throw FileApiProblem.badRequest("Bad Request: " + name + " holds what cannot be stored as sent:"
                    + " the character U+0000, a lone UTF-16 surrogate (such as \\ud800), or a number beyond the"
                    + " range of a double");
        }
        return value;
    }

    /** An ISO-8601 date or date-time (UTC when it names no offset), or milliseconds since the epoch, in {@link StorableDates}. */
    private static Instant acquisitionDate(JsonNode value) {
        Instant date = parsedDate(value);
        return StorableDates.storable(date).orElseThrow(() -> FileApiProblem.badRequest("Bad Request: acquisitionDate"
                + " must lie " + StorableDates.RANGE + ", not " + date
                + " (a number counts milliseconds since 1970, not seconds or nanoseconds)"));
    }

    private static Instant parsedDate(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (DIGITS.matcher(text).matches()) {
                try {
                    return Instant.ofEpochMilli(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw invalidAcquisitionDate();
                }
            }
            for (Function<String, Instant> form : DATE_FORMS) {
                try {
                    return form.apply(text);
                } catch (DateTimeParseException e) {
                    // try the next form
                }
            }
        }
        throw invalidAcquisitionDate();
    }

    private static FileApiProblem invalidAcquisitionDate() {
        return FileApiProblem.badRequest("Bad Request: acquisitionDate must be an ISO-8601 date (2024-09-17) or date-time"
                + " (2024-09-17T10:30:00Z), or milliseconds since 1970-01-01T00:00:00Z");
    }
}
