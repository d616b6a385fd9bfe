package io.geoingest.worker.format;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.time.StorableDates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a camera wrote into a photo (EXIF, read with metadata-extractor): where it was taken (its
 * GPS position and altitude), when, and with what. Drones and phones write them, so a photo
 * becomes an item at its place and time. The time is the original one when the camera wrote its
 * offset from UTC, or else the GPS clock's, which is UTC; a local time alone is kept as text, as
 * it names no instant.
 */
final class CameraMetadata {
    private static final int GPS_BELOW_SEA_LEVEL = 1;
    /** An offset from UTC as EXIF writes it (OffsetTimeOriginal, "+02:00"). */
    private static final Pattern UTC_OFFSET = Pattern.compile("[+-]\\d\\d:\\d\\d");

    private CameraMetadata() {
    }

    /** The JPEG's report with what its EXIF adds; as it is when the image failed or has no EXIF. */
    static FormatReport addToJpeg(FormatReport report, Path file) throws IOException {
        if (report.problem().isPresent()) {
            return report;
        }
        Metadata metadata;
        try {
            metadata = JpegMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException unreadable) {
            // the image itself was read: a damaged EXIF block takes nothing from it
            return report;
        }
        ObjectNode camera = JsonNodeFactory.instance.objectNode();
        ExifIFD0Directory device = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        copyText(device, ExifIFD0Directory.TAG_MAKE, "make", camera);
        copyText(device, ExifIFD0Directory.TAG_MODEL, "model", camera);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        Optional<GeoLocation> place = Optional.ofNullable(gps).map(GpsDirectory::getGeoLocation)
                .filter(location -> !location.isZero() && Math.abs(location.getLatitude()) <= 90
                        && Math.abs(location.getLongitude()) <= 180);
        place.ifPresent(location -> {
            camera.put("longitude", Wgs84.rounded(location.getLongitude()));
            camera.put("latitude", Wgs84.rounded(location.getLatitude()));
            altitude(gps).ifPresent(metres -> camera.put("altitude", metres));
        });
        Optional<Instant> taken = taken(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class), gps, camera);
        if (camera.isEmpty()) {
            return report;
        }
        ObjectNode details = report.details().deepCopy();
        details.set("camera", camera);
        Optional<Bounds> bounds = report.wgs84Bounds().or(() -> place.map(location -> new Bounds(
                camera.get("longitude").asDouble(), camera.get("latitude").asDouble(),
                camera.get("longitude").asDouble(), camera.get("latitude").asDouble())));
        return new FormatReport(report.format(), details, bounds, report.footprint(), report.start().or(() -> taken),
                report.end().or(() -> taken), report.problem());
    }

    /** When the photo was taken, if the camera said it as an instant; the camera's own words go into {@code camera}. */
    private static Optional<Instant> taken(ExifSubIFDDirectory exif, GpsDirectory gps, ObjectNode camera) {
        Optional<Instant> taken = Optional.empty();
        if (exif != null && exif.containsTag(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)) {
            camera.put("dateTimeOriginal", exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
            // EXIF 2.31 writes an unknown offset as blanks ("   :  "), which metadata-extractor takes as UTC
            Optional<String> offset = Optional.ofNullable(exif.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL))
                    .filter(text -> UTC_OFFSET.matcher(text).matches());
            if (offset.isPresent()) {
                camera.put("offsetTimeOriginal", offset.get());
                taken = Optional.ofNullable(exif.getDateOriginal()).map(Date::toInstant);
            }
        }
        if (taken.isEmpty() && gps != null) {
            taken = Optional.ofNullable(gps.getGpsDate()).map(Date::toInstant);
            taken.ifPresent(time -> camera.put("gpsTime", time.toString()));
        }
        return taken.flatMap(StorableDates::storable);
    }

    private static Optional<Double> altitude(GpsDirectory gps) {
        Rational altitude = gps.getRational(GpsDirectory.TAG_ALTITUDE);
        if (altitude == null || altitude.getDenominator() == 0) {
            return Optional.empty();
        }
        Integer reference = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
        double metres = altitude.doubleValue();
        return Optional.of(reference != null && reference == GPS_BELOW_SEA_LEVEL ? -metres : metres);
    }

    private static void copyText(Directory directory, int tag, String name, ObjectNode to) {
        if (directory != null && directory.getString(tag) != null && !directory.getString(tag).isBlank()) {
            to.put(name, directory.getString(tag).trim());
        }
    }
}
