package io.geoingest.upload.chunked;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether the received parts make the file the client says it sent, and if not, what is wrong with them. */
final class PartsCheck {
    private static final int MAX_LISTED_GAPS = 20;

    private PartsCheck() {
    }

    /** The problem, in words a client can act on; empty when parts 1..n are all there and add up to {@code fileSize}. */
    static Optional<String> problem(List<StoredPart> parts, long fileSize) {
        if (parts.isEmpty()) {
            return Optional.of("The upload has no parts: send the chunks with uploadChunk before completing it");
        }
        List<String> gaps = gaps(parts);
        if (!gaps.isEmpty()) {
            int last = parts.get(parts.size() - 1).partNumber();
            return Optional.of("Parts are missing: " + String.join(", ", gaps) + " (parts must be numbered from 1 to "
                    + last + " without gaps)");
        }
        long received = parts.stream().mapToLong(StoredPart::size).sum();
        if (received != fileSize) {
            return Optional.of("The parts add up to " + received + " bytes but fileSize is " + fileSize + " bytes");
        }
        return Optional.empty();
    }

    /** Missing part numbers as numbers and ranges ("2, 5-9"), the first {@value #MAX_LISTED_GAPS} of them. */
    private static List<String> gaps(List<StoredPart> parts) {
        List<String> gaps = new ArrayList<>();
        int expected = 1;
        for (StoredPart part : parts) {
            if (part.partNumber() > expected) {
                int lastMissing = part.partNumber() - 1;
                gaps.add(expected == lastMissing ? String.valueOf(expected) : expected + "-" + lastMissing);
                if (gaps.size() == MAX_LISTED_GAPS) {
                    gaps.add("...");
                    return gaps;
                }
            }
            expected = part.partNumber() + 1;
        }
        return gaps;
    }
}
