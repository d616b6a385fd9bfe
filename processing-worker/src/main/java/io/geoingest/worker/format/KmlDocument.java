package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.geo.LonLatBox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A KML document (OGC KML 2.2, Google Earth's format), read as it streams by: its placemarks and
 * the types of their geometries, its ground overlays, where their coordinates lie (KML's are WGS84
 * longitude, latitude and height), and the time its TimeStamps, TimeSpans and tracks cover. Views
 * (LookAt, Camera), tours and updates to other documents are passed over: their times and places
 * are where to look from, or another file's. A KMZ is a ZIP whose main document is, as libkml and
 * Google Earth choose it, {@code doc.kml} at its root, else its first {@code .kml} in any folder.
 */
final class KmlDocument {
    /** KML's geometries and the GeoJSON type each is counted as. */
    private static final Map<String, String> GEOMETRIES = Map.of(
            "Point", "Point", "LineString", "LineString", "LinearRing", "LineString", "Polygon", "Polygon",
            "Model", "Point", "Track", "LineString", "MultiTrack", "MultiLineString", "MultiGeometry", "");
    private static final Set<String> TIMES = Set.of("when", "begin", "end");
    /** The elements that place what holds them by numbers in their children: an overlay's box, a model's location. */
    private static final Map<String, Set<String>> PLACES = Map.of(
            "LatLonBox", Set.of("north", "south", "east", "west"), "Location", Set.of("longitude", "latitude"));
    /** Elements whose content is not the document's data, passed over (a tour's updates with it). */
    private static final Set<String> PASSED_OVER = Set.of("LookAt", "Camera", "Tour", "NetworkLinkControl");
    private static final String MAIN_DOCUMENT = "doc.kml";
    /** A KMZ holds a document per layer at most; more than this are not read. */
    private static final int MAX_KMZ_DOCUMENTS = 1000;
    private static final int MAX_LINKS = 10_000;
    /** Longest text read from a name, a time or a box edge: anything longer is cut. */
    private static final int MAX_TEXT = FormatReport.MAX_DETAIL_TEXT;

    private KmlDocument() {
    }

    static FormatReport read(InputStream in) {
        return XmlReading.read(in, Format.KML, new Reading());
    }

    /**
     * The KML documents of a KMZ, read as one: its main document, and the documents in the archive
     * it links to, and they in turn (GDAL writes a layer per document under {@code layers/}). Other
     * documents beside them are not read: they are spare copies, or what the links do not load.
     */
    static Optional<FormatReport> describeKmz(ZipFile zip, List<ZipArchiveEntry> entries, boolean namedKmz)
            throws IOException {
        Map<String, ZipArchiveEntry> documents = new LinkedHashMap<>();
        entries.stream().filter(KmlDocument::isKml).forEach(entry -> documents.putIfAbsent(entry.getName(), entry));
        // a ZIP of other data may hold a KML in a folder (a product's preview): a KMZ only by its name then
        Optional<ZipArchiveEntry> main = Optional.ofNullable(documents.get(MAIN_DOCUMENT))
                .or(() -> documents.values().stream().filter(entry -> namedKmz || !entry.getName().contains("/"))
                        .findFirst());
        if (main.isEmpty()) {
            return Optional.empty();
        }
        Reading reading = new Reading();
        List<ZipArchiveEntry> linked = new ArrayList<>(List.of(main.get()));
        Set<String> queued = new HashSet<>(Set.of(main.get().getName()));
        int linksFollowed = 0;
        for (int next = 0; next < linked.size() && next < MAX_KMZ_DOCUMENTS; next++) {
            ZipArchiveEntry document = linked.get(next);
            try (InputStream in = zip.getInputStream(document)) {
                reading.document(in, document.getName());
            } catch (UnsupportedZipFeatureException unsupported) {
                // encrypted, or packed by a method Commons Compress does not unpack: no retry will read it
                return Optional.of(FormatReport.unreadable(Format.KMZ, "the KMZ's " + document.getName()
                        + " cannot be unpacked: " + unsupported.getMessage()));
            } catch (XMLStreamException malformed) {
                return Optional.of(FormatReport.unreadable(Format.KMZ, "the KMZ's " + document.getName()
                        + " cannot be read as XML: " + malformed.getMessage()));
            } catch (UnreadableFileException wrong) {
                return Optional.of(FormatReport.unreadable(Format.KMZ, "the KMZ's " + document.getName() + ": "
                        + wrong.getMessage()));
            }
            List<String> targets = reading.linkTargets;
            for (; linksFollowed < targets.size(); linksFollowed++) {
                ZipArchiveEntry target = documents.get(targets.get(linksFollowed));
                if (target != null && queued.add(target.getName())) {
                    linked.add(target);
                }
            }
        }
        Set<String> names = entries.stream().map(ZipArchiveEntry::getName).collect(Collectors.toSet());
        try {
            return Optional.of(reading.report(Format.KMZ, names));
        } catch (UnreadableFileException wrong) {
            return Optional.of(FormatReport.unreadable(Format.KMZ, wrong.getMessage()));
        }
    }

    private static boolean isKml(ZipArchiveEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory() && name.toLowerCase(Locale.ROOT).endsWith(".kml") && !ZipContents.isMacOsFork(entry);
    }

    /** One document's reading (or a KMZ's documents'): the element path, and what was found so far. */
    private static final class Reading implements XmlReading.Document {
        private final Deque<String> path = new ArrayDeque<>();
        private final LonLatPositions positions = new LonLatPositions();
        private final ObservedTimes times = new ObservedTimes();
        private final SortedSet<String> geometryTypes = new TreeSet<>();
        /** The numbers read so far of the element of {@link #PLACES} being read. */
        private final Map<String, Double> placeNumbers = new HashMap<>();
        private Optional<String> name = Optional.empty();
        private long placemarks;
        private long overlays;
        /** Links to data elsewhere: a KMZ's links to its own documents are not counted. */
        private final List<String> linkTargets = new ArrayList<>();
        private String documentName = "";
        /** The types of the current MultiGeometry's members (empty for none). */
        private final SortedSet<String> memberTypes = new TreeSet<>();
        private boolean nestedCollection;

        /** A KML file. */
        @Override
        public void read(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            document(xml, "");
        }

        @Override
        public FormatReport report() throws UnreadableFileException {
            return report(Format.KML, Set.of());
        }

        /** @param name the document's path in its KMZ, which its links are relative to */
        void document(InputStream in, String name) throws XMLStreamException, UnreadableFileException {
            XMLStreamReader xml = XmlReading.open(in);
            try {
                document(xml, name);
            } finally {
                xml.close();
            }
        }

        void document(XMLStreamReader xml, String name) throws XMLStreamException, UnreadableFileException {
            documentName = name;
            path.clear();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    start(xml);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    end(xml.getLocalName());
                }
            }
        }

        private void start(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            String element = xml.getLocalName();
            if (path.isEmpty() && !element.equals("kml")) {
                throw new UnreadableFileException("the document's root element is <" + element + ">, not <kml>: it is no KML");
            }
            String parent = path.isEmpty() ? "" : path.peek();
            path.push(element);
            if (PASSED_OVER.contains(element)) {
                XmlReading.skip(xml);
                path.pop();
                return;
            }
            switch (element) {
                case "Placemark" -> placemarks++;
                case "GroundOverlay" -> overlays++;
                case "href" -> {
                    if ((parent.equals("Link") || parent.equals("Url")) && path.size() > 2
                            && path.stream().skip(2).findFirst().filter("NetworkLink"::equals).isPresent()) {
                        linkTarget(text(xml));
                    }
                }
                case "coordinates" -> coordinates(xml);
                case "coord" -> trackCoordinate(xml);
                case "name" -> {
                    if (name.isEmpty() && (parent.equals("Document") || parent.equals("Folder"))) {
                        name = Optional.of(text(xml)).filter(text -> !text.isEmpty());
                    }
                }
                default -> {
                    if (TIMES.contains(element)) {
                        XmlDateTimes.parse(text(xml)).ifPresent(times::add);
                    } else if (PLACES.getOrDefault(parent, Set.of()).contains(element)) {
                        XmlReading.number(text(xml)).ifPresent(number -> placeNumbers.put(element, number));
                    } else if (GEOMETRIES.containsKey(element)) {
                        geometry(element, parent);
                    }
                }
            }
        }

        /** Reading an element's text ends it: its end is handled here, as the loop will not see it. */
        private String text(XMLStreamReader xml) throws XMLStreamException {
            path.pop();
            return XmlReading.text(xml, MAX_TEXT);
        }

        private void geometry(String element, String parent) {
            String type = GEOMETRIES.get(element);
            if (parent.equals("Placemark")) {
                memberTypes.clear();
                nestedCollection = false;
                if (!type.isEmpty()) {
                    geometryTypes.add(type);
                }
            } else if (parent.equals("MultiGeometry")) {
                if (type.isEmpty()) {
                    nestedCollection = true;
                } else {
                    memberTypes.add(type);
                }
            }
        }

        private void end(String element) {
            path.pop();
            if (element.equals("MultiGeometry") && "Placemark".equals(path.peek())) {
                if (nestedCollection || memberTypes.size() > 1) {
                    geometryTypes.add("GeometryCollection");
                } else if (!memberTypes.isEmpty()) {
                    String member = memberTypes.first();
                    geometryTypes.add(member.startsWith("Multi") ? member : "Multi" + member);
                }
            } else if (PLACES.containsKey(element)) {
                if (placeNumbers.size() == PLACES.get(element).size()) {
                    place(element);
                }
                placeNumbers.clear();
            }
        }

        /** A ground overlay's box, which covers its west edge eastwards to its east edge, or a model's location. */
        private void place(String element) {
            if (element.equals("LatLonBox")) {
                positions.area(new LonLatBox(placeNumbers.get("west"), placeNumbers.get("south"),
                        placeNumbers.get("east"), placeNumbers.get("north")));
            } else {
                positions.position(placeNumbers.get("longitude"), placeNumbers.get("latitude"));
            }
        }

        /** A {@code <coordinates>} element's tuples, read as its text streams by. */
        private void coordinates(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            CoordinateTuples tuples = new CoordinateTuples(positions, "KML coordinates are longitude,latitude[,height] tuples");
            XmlReading.text(xml, tuples::add);
            tuples.finish();
            path.pop();
        }

        /** A {@code gx:coord} of a track: longitude, latitude and height apart by spaces. */
        private void trackCoordinate(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            String[] parts = text(xml).split("\\s+");
            Optional<Double> longitude = parts.length >= 2 ? XmlReading.number(parts[0]) : Optional.empty();
            Optional<Double> latitude = parts.length >= 2 ? XmlReading.number(parts[1]) : Optional.empty();
            if (longitude.isEmpty() || latitude.isEmpty()) {
                throw new UnreadableFileException("a track's gx:coord is not \"longitude latitude [height]\"");
            }
            positions.position(longitude.get(), latitude.get());
        }

        /** Where a network link points, resolved against the document's place in its KMZ. */
        private void linkTarget(String href) {
            if (linkTargets.size() == MAX_LINKS) {
                return;
            }
            try {
                linkTargets.add(new URI(null, null, documentName, null).resolve(new URI(null, null, href, null)).getPath());
            } catch (URISyntaxException | IllegalArgumentException notAPath) {
                linkTargets.add(href);
            }
        }

        /** @param archived the names of the KMZ's entries (none for a KML file) */
        FormatReport report(Format format, Set<String> archived) throws UnreadableFileException {
            if (positions.outOfRange() > 0) {
                throw new UnreadableFileException(positions.outOfRange() + " of the KML's coordinates lie beyond"
                        + " longitude -180..180 or latitude -90..90; KML coordinates are WGS84 longitude,latitude[,height]");
            }
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            name.ifPresent(text -> details.put("name", text));
            details.put("featureCount", placemarks);
            ArrayNode types = details.putArray("geometryTypes");
            geometryTypes.forEach(types::add);
            if (overlays > 0) {
                details.put("overlayCount", overlays);
            }
            long networkLinks = linkTargets.stream().filter(target -> !archived.contains(target)).count();
            if (networkLinks > 0) {
                // what such a link loads is not in the file, and not fetched
                details.put("networkLinkCount", networkLinks);
            }
            Optional<Bounds> place = positions.bounds();
            place.ifPresent(box -> details.set("bbox", box.toJson()));
            return new FormatReport(format, details, place, positions.footprint(), times.start(), times.end(),
                    Optional.empty());
        }
    }

}
