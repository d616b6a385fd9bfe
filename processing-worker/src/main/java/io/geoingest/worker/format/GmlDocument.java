package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.locationtech.jts.geom.Envelope;

/**
 * A GML document (OGC Geography Markup Language 2, 3.1 or 3.2), as WFS services, INSPIRE
 * downloads and {@code ogr2ogr -f GML} write features, read as it streams by: its features
 * ({@code featureMember}, {@code featureMembers}, {@code member}, and the members of the collections
 * WFS 2.0 nests in its members), the types of their geometries,
 * the CRS of their {@code srsName} and where their positions lie ({@code pos}, {@code posList},
 * GML 2's {@code coordinates}), in the CRS's axis order, and the time of its time instants and
 * periods. Elements are matched by local name; geometries and times only in a GML namespace.
 */
final class GmlDocument {
    private static final String GML_NAMESPACE = "http://www.opengis.net/gml";
    /** GML's geometries and the GeoJSON type each is counted as. */
    private static final Map<String, String> GEOMETRIES = Map.ofEntries(
            Map.entry("Point", "Point"), Map.entry("LineString", "LineString"), Map.entry("Curve", "LineString"),
            Map.entry("LinearRing", "LineString"), Map.entry("Polygon", "Polygon"), Map.entry("Surface", "Polygon"),
            Map.entry("MultiPoint", "MultiPoint"), Map.entry("MultiLineString", "MultiLineString"),
            Map.entry("MultiCurve", "MultiLineString"), Map.entry("MultiPolygon", "MultiPolygon"),
            Map.entry("MultiSurface", "MultiPolygon"), Map.entry("MultiGeometry", "GeometryCollection"));
    /** The elements whose child is one feature, and the one whose every child is. */
    private static final Set<String> MEMBER = Set.of("featureMember", "member");
    private static final String MEMBERS = "featureMembers";
    /** A WFS 2.0 answer to several queries holds a collection per query in its members, each of features. */
    private static final String COLLECTION = "FeatureCollection";
    private static final Set<String> TIMES = Set.of("timePosition", "beginPosition", "endPosition");
    private static final int MAX_TEXT = FormatReport.MAX_DETAIL_TEXT;

    private GmlDocument() {
    }

    static FormatReport read(InputStream in) {
        return XmlReading.read(in, Format.GML, new Reading());
    }

    private static final class Reading implements XmlReading.Document, GeometryScan.PositionListener {
        private final Deque<String> path = new ArrayDeque<>();
        private final SortedSet<String> geometryTypes = new TreeSet<>();
        private final ObservedTimes times = new ObservedTimes();
        /** Positions as written, in the CRS's own axis order. */
        private final Envelope written = new Envelope();
        private final LonLatPositions lonLat = new LonLatPositions();
        private Optional<GmlSrsName> crs = Optional.empty();
        private boolean otherCrs;
        private boolean gml;
        private long features;
        /** The depth of the element a feature starts at, while within one. */
        private int featureDepth = -1;
        /** Whether the feature's geometry type was taken, from the first geometry in it. */
        private boolean featureTyped;
        /** Within a {@code boundedBy}: its box repeats the positions, which are read where they are. */
        private int boxDepth = -1;
        /** The srsDimension of each element that declares one, which holds for the positions inside it. */
        private final Deque<DeclaredDimension> dimensions = new ArrayDeque<>();

        @Override
        public void read(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    start(xml);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    end();
                }
            }
        }

        private void start(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
            String element = xml.getLocalName();
            String parent = path.isEmpty() ? "" : path.peek();
            boolean inGml = xml.getNamespaceURI() != null && xml.getNamespaceURI().startsWith(GML_NAMESPACE);
            gml |= inGml;
            path.push(element);
            int depth = path.size();
            if ((MEMBER.contains(parent) || parent.equals(MEMBERS)) && !element.equals(COLLECTION)) {
                features++;
                featureDepth = depth;
                featureTyped = false;
            }
            if (!inGml) {
                return;
            }
            srsName(xml);
            if (boxDepth >= 0) {
                return;
            }
            if (element.equals("boundedBy")) {
                boxDepth = depth;
                return;
            }
            Optional.ofNullable(xml.getAttributeValue(null, "srsDimension")).flatMap(XmlReading::number)
                    .filter(value -> value == 2 || value == 3)
                    .ifPresent(value -> dimensions.push(new DeclaredDimension(depth, value.intValue())));
            if (GEOMETRIES.containsKey(element) && featureDepth >= 0 && !featureTyped) {
                // a feature's first geometry types it; the parts of a multi-geometry are counted with it
                geometryTypes.add(GEOMETRIES.get(element));
                featureTyped = true;
            }
            switch (element) {
                case "pos", "posList" -> {
                    OptionalInt dimension = dimensions.isEmpty() ? OptionalInt.empty()
                            : OptionalInt.of(dimensions.peek().dimension());
                    if (dimension.isEmpty() && element.equals("posList")) {
                        // a pos holds one position, whose numbers tell its dimension; a list could be of either
                        dimension = OptionalInt.of(2);
                    }
                    PositionNumbers numbers = new PositionNumbers(this, dimension);
                    XmlReading.text(xml, numbers::add);
                    numbers.finish(element);
                    end();
                }
                case "coordinates" -> {
                    CoordinateTuples tuples = new CoordinateTuples(this, "GML coordinates are x,y[,z] tuples");
                    XmlReading.text(xml, tuples::add);
                    tuples.finish();
                    end();
                }
                default -> {
                    if (TIMES.contains(element)) {
                        XmlDateTimes.parse(XmlReading.text(xml, MAX_TEXT)).ifPresent(times::add);
                        end();
                    }
                }
            }
        }

        private void end() {
            int depth = path.size();
            path.pop();
            if (depth == boxDepth) {
                boxDepth = -1;
            }
            if (depth == featureDepth) {
                featureDepth = -1;
            }
            if (!dimensions.isEmpty() && dimensions.peek().depth() == depth) {
                dimensions.pop();
            }
        }

        /** The first CRS named; a document of several is placed by none. */
        private void srsName(XMLStreamReader xml) {
            String name = xml.getAttributeValue(null, "srsName");
            if (name == null) {
                return;
            }
            Optional<GmlSrsName> named = GmlSrsName.parse(name);
            if (crs.isEmpty()) {
                crs = named;
                otherCrs |= named.isEmpty();
            } else if (!crs.equals(named)) {
                otherCrs = true;
            }
        }

        /** A position as written: its first two numbers, in the CRS's axis order. */
        @Override
        public void position(double first, double second) {
            boolean latitudeFirst = crs.map(GmlSrsName::latitudeFirst).orElse(false);
            double x = latitudeFirst ? second : first;
            double y = latitudeFirst ? first : second;
            written.expandToInclude(x, y);
            lonLat.position(x, y);
        }

        @Override
        public FormatReport report() throws UnreadableFileException {
            if (!gml) {
                throw new UnreadableFileException("the document holds no element of a GML namespace (" + GML_NAMESPACE
                        + "...): it is no GML");
            }
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("featureCount", features);
            ArrayNode types = details.putArray("geometryTypes");
            geometryTypes.forEach(types::add);
            Optional<GmlSrsName> placedBy = otherCrs ? Optional.empty() : crs;
            placedBy.ifPresent(named -> details.put("crs", "EPSG:" + named.epsg()).put("epsg", named.epsg()));
            if (written.isNull()) {
                return new FormatReport(Format.GML, details, Optional.empty(), Optional.empty(), times.start(),
                        times.end(), Optional.empty());
            }
            Bounds box = Bounds.of(written);
            details.set("bbox", box.toJson());
            if (placedBy.isEmpty()) {
                // positions in no CRS, or in several: where they lie is not known
                return new FormatReport(Format.GML, details, Optional.empty(), Optional.empty(), times.start(),
                        times.end(), Optional.empty());
            }
            int epsg = placedBy.get().epsg();
            boolean geographic = Wgs84.isGeographic(epsg);
            if (geographic && lonLat.outOfRange() > 0) {
                throw new UnreadableFileException(lonLat.outOfRange() + " of the GML's positions lie beyond longitude"
                        + " -180..180 or latitude -90..90 in its geographic CRS EPSG:" + epsg);
            }
            // a geographic CRS on another datum than WGS 84 is metres off, within what a box tells
            Optional<Bounds> wgs84 = geographic ? lonLat.bounds() : Wgs84.fromEpsg(epsg, box);
            wgs84.ifPresent(place -> details.set("bboxWgs84", place.toJson()));
            return new FormatReport(Format.GML, details, wgs84, geographic ? lonLat.footprint() : Optional.empty(),
                    times.start(), times.end(), Optional.empty());
        }
    }

    /** An {@code srsDimension} and the depth of the element that declares it. */
    private record DeclaredDimension(int depth, int dimension) {
    }
}
