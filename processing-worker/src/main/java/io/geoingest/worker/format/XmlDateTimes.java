package io.geoingest.worker.format;

import io.geoingest.common.time.StorableDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * The times of KML and GPX documents, XML Schema's dateTime and, in KML, its coarser forms: a
 * year, a month or a day (each taken from its start). A time without a zone is taken as UTC, which
 * GPX prescribes and KML writers mostly mean.
 */
final class XmlDateTimes {
    private XmlDateTimes() {
    }

    /** The time the text gives, when it is one and lies within the years the catalog keeps. */
    static Optional<Instant> parse(String text) {
        String value = text.trim();
        try {
            Instant instant = switch (value.length()) {
                case 4 -> Year.parse(value).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                case 7 -> YearMonth.parse(value).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                case 10 -> LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                default -> {
                    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from,
                            LocalDateTime::from);
                    yield parsed instanceof OffsetDateTime zoned ? zoned.toInstant()
                            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
                }
            };
            return StorableDates.storable(instant);
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }
}
