package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A GPX document (GPS Exchange Format 1.0 or 1.1), as GPS receivers, drones and tracking apps write
 * them, read as it streams by: its waypoints, routes and tracks, where their points lie and the
 * time the points' timestamps span, and the program or device that wrote it.
 */
final class GpxDocument {
    private static final Set<String> POINTS = Set.of("wpt", "rtept", "trkpt");
    /** Where a GPX 1.1 (metadata) or 1.0 (the root) names the file and tells when it was written. */
    private static final Set<String> DOCUMENT = Set.of("metadata", "gpx");
    /** Longest text read from a name or a time: anything longer is cut. */
    private static final int MAX_TEXT = FormatReport.MAX_DETAIL_TEXT;

    private GpxDocument() {
    }

    static FormatReport read(InputStream in) {
        return XmlReading.read(in, Format.GPX, new Reading());
    }

    private static final class Reading implements XmlReading.Document {
        private final LonLatPositions positions = new LonLatPositions();
        private final ObservedTimes times = new ObservedTimes();
        private final ObjectNode details = JsonNodeFactory.instance.objectNode();
        private final Deque<String> path = new ArrayDeque<>();
        private long waypoints;
        private long routes;
        private long routePoints;
        private long tracks;
        private long trackSegments;
        private long trackPoints;

        @Override
        public void read(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    path.pop();
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = xml.getLocalName();
                String parent = path.isEmpty() ? "" : path.peek();
                if (path.isEmpty()) {
                    if (!element.equals("gpx")) {
                        throw new UnreadableFileException("the document's root element is <" + element
                                + ">, not <gpx>: it is no GPX");
                    }
                    attribute(xml, "version").ifPresent(version -> details.put("version", version));
                    attribute(xml, "creator").ifPresent(creator -> details.put("creator", creator));
                }
                path.push(element);
                switch (element) {
                    case "wpt" -> point(xml, ++waypoints);
                    case "rte" -> routes++;
                    case "rtept" -> point(xml, ++routePoints);
                    case "trk" -> tracks++;
                    case "trkseg" -> trackSegments++;
                    case "trkpt" -> point(xml, ++trackPoints);
                    case "time" -> {
                        Optional<Instant> time = XmlDateTimes.parse(text(xml));
                        if (POINTS.contains(parent)) {
                            time.ifPresent(times::add);
                        } else if (DOCUMENT.contains(parent)) {
                            // when the file was written (GPX 1.1 in its metadata, 1.0 at its root), not recorded
                            time.ifPresent(created -> details.put("created", created.toString()));
                        }
                    }
                    case "name" -> {
                        String name = text(xml);
                        if (DOCUMENT.contains(parent) && !details.has("name") && !name.isEmpty()) {
                            details.put("name", name);
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        /** A point's position, from its attributes. */
        private void point(XMLStreamReader xml, long number) throws UnreadableFileException {
            String element = xml.getLocalName();
            Optional<Double> latitude = attribute(xml, "lat").flatMap(XmlReading::number);
            Optional<Double> longitude = attribute(xml, "lon").flatMap(XmlReading::number);
            if (latitude.isEmpty() || longitude.isEmpty()) {
                throw new UnreadableFileException("<" + element + "> number " + number
                        + " has no lat and lon attributes that are numbers");
            }
            positions.position(longitude.get(), latitude.get());
        }

        private static Optional<String> attribute(XMLStreamReader xml, String name) {
            return Optional.ofNullable(xml.getAttributeValue(null, name)).map(String::trim).filter(value -> !value.isEmpty());
        }

        /** Reading an element's text ends it: its end is handled here, as the loop will not see it. */
        private String text(XMLStreamReader xml) throws XMLStreamException {
            path.pop();
            return XmlReading.text(xml, MAX_TEXT);
        }

        @Override
        public FormatReport report() throws UnreadableFileException {
            if (positions.outOfRange() > 0) {
                throw new UnreadableFileException(positions.outOfRange() + " of the GPX's points lie beyond"
                        + " longitude -180..180 or latitude -90..90");
            }
            details.put("featureCount", waypoints + routes + tracks);
            details.put("waypointCount", waypoints);
            details.put("routeCount", routes);
            details.put("routePointCount", routePoints);
            details.put("trackCount", tracks);
            details.put("trackSegmentCount", trackSegments);
            details.put("trackPointCount", trackPoints);
            ArrayNode types = details.putArray("geometryTypes");
            if (routes > 0) {
                types.add("LineString");
            }
            if (tracks > 0) {
                types.add("MultiLineString");
            }
            if (waypoints > 0) {
                types.add("Point");
            }
            Optional<Bounds> place = positions.bounds();
            place.ifPresent(box -> details.set("bbox", box.toJson()));
            return new FormatReport(Format.GPX, details, place, positions.footprint(), times.start(), times.end(),
                    Optional.empty());
        }
    }

}
