package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * KML, GPX and GML documents: the ones ogr2ogr wrote (fixtures/README.md), against what ogrinfo says of
 * them, and documents written here for what GDAL does not write.
 */
class XmlVectorDocumentsTest {
    private static final double DEGREES = 1e-9;

    private static InputStream fixture(String name) {
        return XmlVectorDocumentsTest.class.getResourceAsStream("/fixtures/" + name);
    }

    private static InputStream text(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBounds(List<Double> expected, Bounds actual) {
        List<Double> found = List.of(actual.minX(), actual.minY(), actual.maxX(), actual.maxY());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), found.get(i), DEGREES, found::toString);
        }
    }

    private static List<String> texts(Iterable<com.fasterxml.jackson.databind.JsonNode> nodes) {
        List<String> found = new ArrayList<>();
        nodes.forEach(node -> found.add(node.asText()));
        return found;
    }

    @Test
    void aKmlDocumentsPlacemarksAreCountedTypedPlacedAndTimed() throws IOException {
        FormatReport report = KmlDocument.read(fixture("places.kml"));

        assertEquals(Format.KML, report.format());
        assertEquals(Optional.empty(), report.problem());
        assertEquals("Swiss places", report.details().path("name").asText());
        assertEquals(4, report.details().path("featureCount").asInt());
        assertEquals(List.of("LineString", "MultiPoint", "Point", "Polygon"), texts(report.details().path("geometryTypes")));
        // ogrinfo: Extent: (7.447400, 46.536700) - (8.541700, 47.376900)
        assertBounds(List.of(7.4474, 46.5367, 8.5417, 47.3769), report.wgs84Bounds().orElseThrow());
        assertTrue(report.footprint().isPresent(), "the hull of ten positions that span an area");
        assertEquals(Optional.of(Instant.parse("2024-06-01T09:15:00Z")), report.start(), "the Bern placemark's TimeStamp");
        assertEquals(Optional.of(Instant.parse("2024-06-01T11:05:00Z")), report.end(), "the end of the line's TimeSpan");
        assertFalse(report.details().has("networkLinkCount"));
    }

    private static FormatReport kmz(String fixture) throws Exception {
        return zipped(fixture, true).orElseThrow();
    }

    private static Optional<FormatReport> zipped(String fixture, boolean namedKmz) throws Exception {
        try (var zip = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setURI(XmlVectorDocumentsTest.class.getResource("/fixtures/" + fixture).toURI()).get()) {
            return KmlDocument.describeKmz(zip, Collections.list(zip.getEntries()), namedKmz);
        }
    }

    /** GDAL's KMZ: a doc.kml that links to a document per layer under layers/, read as one. */
    @Test
    void aKmzIsReadWithTheDocumentsItsMainDocumentLinksTo() throws Exception {
        FormatReport report = kmz("places.kmz");

        assertEquals(Format.KMZ, report.format());
        assertEquals("Swiss places", report.details().path("name").asText());
        assertEquals(4, report.details().path("featureCount").asInt());
        assertBounds(List.of(7.4474, 46.5367, 8.5417, 47.3769), report.wgs84Bounds().orElseThrow());
        assertFalse(report.details().has("networkLinkCount"), "its one link is to a document inside it");
    }

    /**
     * Zipped on a Mac, with a spare copy of the layer first: doc.kml is the main document, the copy
     * is not counted again, and macOS's binary __MACOSX/._doc.kml is passed over.
     */
    @Test
    void aKmzIsReadFromDocKmlAndWhatItLinksToAlone() throws Exception {
        FormatReport report = kmz("places-macos.kmz");

        assertEquals(Optional.empty(), report.problem());
        assertEquals("Swiss places", report.details().path("name").asText(), "doc.kml's, not the copy's");
        assertEquals(4, report.details().path("featureCount").asInt());
        assertBounds(List.of(7.4474, 46.5367, 8.5417, 47.3769), report.wgs84Bounds().orElseThrow());
    }

    @Test
    void aKmzWhoseOnlyDocumentIsInAFolderIsRead() throws Exception {
        FormatReport report = kmz("places-in-folder.kmz");

        assertEquals(Format.KMZ, report.format());
        assertEquals(Optional.empty(), report.problem());
        assertEquals(4, report.details().path("featureCount").asInt());
        assertBounds(List.of(7.4474, 46.5367, 8.5417, 47.3769), report.wgs84Bounds().orElseThrow());
        assertEquals(Optional.empty(), zipped("places-in-folder.kmz", false),
                "a ZIP named .zip with a KML in a folder (a product's preview) is no KMZ");
    }

    /** No retry unpacks an encrypted entry: the file fails with the reason, not as a fault of storage. */
    @Test
    void anEncryptedKmzFails() throws Exception {
        FormatReport report = kmz("places-encrypted.kmz");

        assertTrue(report.problem().orElseThrow().startsWith("the KMZ's doc.kml cannot be unpacked"), report::toString);
        assertTrue(report.problem().orElseThrow().contains("encryption"), report::toString);
    }

    @Test
    void overlaysTracksAndOuterLinksAreRead() throws IOException {
        FormatReport report = KmlDocument.read(text("""
                <kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>
                  <GroundOverlay><Icon><href>scene.png</href></Icon>
                    <LatLonBox><north>47.1</north><south>46.9</south><east>7.6</east><west>7.3</west></LatLonBox></GroundOverlay>
                  <Placemark><gx:Track><when>2024-03</when><when>2024-03-02T10:00:00+01:00</when>
                    <gx:coord>7.35 46.95 540</gx:coord><gx:coord>7.40 47.00 560</gx:coord></gx:Track></Placemark>
                  <Placemark><MultiGeometry><Point><coordinates>7.4,47</coordinates></Point>
                    <LineString><coordinates>7.3, 46.9, 0  7.5, 47.0</coordinates></LineString></MultiGeometry></Placemark>
                  <NetworkLink><Link><href>https://example.com/live.kml</href></Link></NetworkLink>
                </Document></kml>"""));

        assertEquals(Optional.empty(), report.problem());
        assertEquals(1, report.details().path("overlayCount").asInt());
        assertEquals(1, report.details().path("networkLinkCount").asInt());
        assertEquals(List.of("GeometryCollection", "LineString"), texts(report.details().path("geometryTypes")));
        assertBounds(List.of(7.3, 46.9, 7.6, 47.1), report.wgs84Bounds().orElseThrow());
        assertEquals(Optional.of(Instant.parse("2024-03-01T00:00:00Z")), report.start(), "a month, from its start");
        assertEquals(Optional.of(Instant.parse("2024-03-02T09:00:00Z")), report.end());
    }

    @Test
    void aKmlCutShortOrWithCoordinatesBeyondTheGlobeFails() throws IOException {
        FormatReport truncated = KmlDocument.read(fixture("places-truncated.kml"));
        assertTrue(truncated.problem().orElseThrow().startsWith("the KML document cannot be read as XML"),
                truncated.problem()::toString);

        FormatReport projected = KmlDocument.read(text(
                "<kml><Placemark><Point><coordinates>2600000,1200000</coordinates></Point></Placemark></kml>"));
        assertEquals(Optional.of("1 of the KML's coordinates lie beyond longitude -180..180 or latitude -90..90;"
                + " KML coordinates are WGS84 longitude,latitude[,height]"), projected.problem());

        FormatReport words = KmlDocument.read(text(
                "<kml><Placemark><Point><coordinates>east,north</coordinates></Point></Placemark></kml>"));
        assertTrue(words.problem().orElseThrow().endsWith("\"east\", which is no number"), words.problem()::toString);

        FormatReport other = KmlDocument.read(text("<gpx><wpt lat='1' lon='2'/></gpx>"));
        assertEquals(Optional.of("the document's root element is <gpx>, not <kml>: it is no KML"), other.problem());
    }

    /** A polygon's text of 40 MB (a coastline at full detail) comes in segments, and is read in them. */
    @Test
    void aLongCoordinatesElementIsReadASegmentAtATime() throws IOException {
        int tuples = 2_000_000;
        InputStream ring = new InputStream() {
            private final byte[] tuple = " 7.123456789,46.98765432,0\n".getBytes(StandardCharsets.US_ASCII);
            private long at;

            @Override
            public int read() {
                return at >= (long) tuples * tuple.length ? -1 : tuple[(int) (at++ % tuple.length)];
            }
        };
        FormatReport report = KmlDocument.read(new SequenceInputStream(Collections.enumeration(List.of(
                text("<kml><Placemark><LineString><coordinates>"), ring,
                text("</coordinates></LineString></Placemark></kml>")))));

        assertEquals(Optional.empty(), report.problem());
        assertBounds(List.of(7.123456789, 46.98765432, 7.123456789, 46.98765432), report.wgs84Bounds().orElseThrow());
    }

    /** An uploaded document reads no file of the worker's, and cannot make it hold an attribute of any length. */
    @Test
    void entitiesAreNotResolvedAndAHugeAttributeIsRefused() throws IOException {
        FormatReport entity = KmlDocument.read(text("""
                <?xml version="1.0"?>
                <!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <kml><Document><name>&secret;</name></Document></kml>"""));
        assertFalse(entity.details().toString().contains("root:"), entity::toString);
        assertTrue(entity.problem().orElseThrow().startsWith("the KML document cannot be read as XML"), entity::toString);

        InputStream latitude = new InputStream() {
            private long left = 600_000;

            @Override
            public int read() {
                return left-- > 0 ? '4' : -1;
            }
        };
        FormatReport huge = GpxDocument.read(new SequenceInputStream(Collections.enumeration(List.of(
                text("<gpx><wpt lon=\"7\" lat=\""), latitude, text("\"/></gpx>")))));
        assertTrue(huge.problem().orElseThrow().startsWith("the GPX document cannot be read as XML: Maximum attribute size"),
                huge::toString);
    }

    /** GML 3.2 in LV95, placed in WGS84 by its box's edges, as the same points in layers.gpkg are. */
    @Test
    void aGmlDocumentInAProjectedCrsIsCountedTypedAndPlaced() throws IOException {
        FormatReport report = GmlDocument.read(fixture("places-2056.gml"));

        assertEquals(Format.GML, report.format());
        assertEquals(Optional.empty(), report.problem());
        assertEquals(3, report.details().path("featureCount").asInt());
        assertEquals(List.of("Point"), texts(report.details().path("geometryTypes")));
        assertEquals("EPSG:2056", report.details().path("crs").asText());
        // ogrinfo: Extent: (2500016.016117, 1095811.548446) - (2717161.191953, 1267664.847028)
        List<Double> own = new ArrayList<>();
        report.details().path("bbox").forEach(value -> own.add(value.asDouble()));
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(2500016.016117, 1095811.548446, 2717161.191953, 1267664.847028).get(i), own.get(i), 1e-6);
        }
        Bounds wgs84 = report.wgs84Bounds().orElseThrow();
        List<Double> expected = List.of(6.11028689, 46.0037, 8.99510856, 47.55969168);
        List<Double> found = List.of(wgs84.minX(), wgs84.minY(), wgs84.maxX(), wgs84.maxY());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), found.get(i), 1e-4, found::toString);
        }
    }

    /**
     * GML 3.2 names EPSG:4326 by URN, latitude first; GML 2 writes "EPSG:4326", longitude first:
     * both are placed where ogrinfo puts them.
     */
    @Test
    void gmlAxisOrderFollowsTheFormOfTheSrsName() throws IOException {
        for (String fixture : List.of("features-4326.gml", "features-gml2.gml")) {
            FormatReport report = GmlDocument.read(fixture(fixture));

            assertEquals(Optional.empty(), report.problem(), fixture);
            assertEquals(4, report.details().path("featureCount").asInt(), fixture);
            assertEquals(List.of("LineString", "Point", "Polygon"), texts(report.details().path("geometryTypes")), fixture);
            // ogrinfo: Extent: (7.350000, 46.660000) - (8.541700, 47.376900)
            assertBounds(List.of(7.35, 46.66, 8.5417, 47.3769), report.wgs84Bounds().orElseThrow());
            assertTrue(report.footprint().isPresent(), fixture);
        }
    }

    @Test
    void aGmlCutShortNotGmlOrWithAPartialPositionFails() throws IOException {
        assertTrue(GmlDocument.read(fixture("features-4326-truncated.gml")).problem().orElseThrow()
                .startsWith("the GML document cannot be read as XML"));
        assertEquals(Optional.of("the document holds no element of a GML namespace (http://www.opengis.net/gml...):"
                + " it is no GML"), GmlDocument.read(text("<FeatureCollection><member/></FeatureCollection>")).problem());
        FormatReport odd = GmlDocument.read(text("""
                <FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"><featureMember><road>
                  <gml:LineString srsName="urn:ogc:def:crs:EPSG::2056"><gml:posList>2600000 1200000 2600100</gml:posList>
                  </gml:LineString></road></featureMember></FeatureCollection>"""));
        assertEquals(Optional.of("a GML posList ends within a position: its numbers are not a multiple of its"
                + " dimension, 2"), odd.problem());
    }

    /** A LatLonBox covers its west edge eastwards to its east edge, as Google Earth drapes the image. */
    @Test
    void aGroundOverlayIsPlacedByTheAreaOfItsBox() throws IOException {
        String overlay = "<kml><GroundOverlay><LatLonBox><north>%s</north><south>%s</south><east>%s</east><west>%s</west>"
                + "</LatLonBox></GroundOverlay></kml>";

        FormatReport world = KmlDocument.read(text(overlay.formatted(90, -90, 180, -180)));
        assertBounds(List.of(-180.0, -90.0, 180.0, 90.0), world.wgs84Bounds().orElseThrow());

        FormatReport wide = KmlDocument.read(text(overlay.formatted(60, -60, 100, -100)));
        assertBounds(List.of(-100.0, -60.0, 100.0, 60.0), wide.wgs84Bounds().orElseThrow());

        FormatReport fiji = KmlDocument.read(text(overlay.formatted(-16, -20, -178, 177)));
        assertBounds(List.of(177.0, -20.0, -178.0, -16.0), fiji.wgs84Bounds().orElseThrow());
    }

    @Test
    void aModelIsPlacedAtItsLocation() throws IOException {
        FormatReport report = KmlDocument.read(text("""
                <kml><Placemark><Model><altitudeMode>absolute</altitudeMode>
                  <Location><longitude>7.4446</longitude><latitude>46.9466</latitude><altitude>540</altitude></Location>
                  <Link><href>bundeshaus.dae</href></Link></Model></Placemark></kml>"""));

        assertEquals(List.of("Point"), texts(report.details().path("geometryTypes")));
        assertBounds(List.of(7.4446, 46.9466, 7.4446, 46.9466), report.wgs84Bounds().orElseThrow());
    }

    /**
     * Where to look from and when (a view's gx:TimeStamp picks Google Earth's historical imagery),
     * a tour, and an update to another document's placemarks are not this document's data.
     */
    @Test
    void viewsToursAndUpdatesAreNotData() throws IOException {
        FormatReport report = KmlDocument.read(text("""
                <kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
                  <NetworkLinkControl><Update><targetHref>live.kml</targetHref><Create><Document targetId="cars">
                    <Placemark><Point><coordinates>-122.4,37.8</coordinates></Point></Placemark></Document></Create></Update>
                  </NetworkLinkControl>
                  <Document>
                    <Placemark><TimeStamp><when>2024-06-01T09:15:00Z</when></TimeStamp>
                      <LookAt><gx:TimeStamp><when>1990-01-01</when></gx:TimeStamp><longitude>7</longitude><latitude>46</latitude>
                        <range>1000</range></LookAt>
                      <Point><coordinates>7.4474,46.948</coordinates></Point></Placemark>
                    <gx:Tour><gx:Playlist><gx:FlyTo><Camera><gx:TimeSpan><begin>1985</begin><end>2000</end></gx:TimeSpan>
                      <longitude>8</longitude><latitude>47</latitude></Camera></gx:FlyTo></gx:Playlist></gx:Tour>
                  </Document></kml>"""));

        assertEquals(Optional.empty(), report.problem());
        assertEquals(1, report.details().path("featureCount").asInt());
        assertBounds(List.of(7.4474, 46.948, 7.4474, 46.948), report.wgs84Bounds().orElseThrow());
        assertEquals(Optional.of(Instant.parse("2024-06-01T09:15:00Z")), report.start());
        assertEquals(Optional.of(Instant.parse("2024-06-01T09:15:00Z")), report.end());
    }

    /** libkml reads a comma before white space after a tuple of three as the tuples' separator. */
    @Test
    void kmlTuplesApartByACommaAreRead() throws IOException {
        FormatReport report = KmlDocument.read(text("""
                <kml><Placemark><LineString><coordinates>7.3,46.9,0, 7.5,47.0,0,
                  7.6,47.1,0</coordinates></LineString></Placemark>
                  <Placemark><Point><coordinates>7.44, 46.95</coordinates></Point></Placemark></kml>"""));

        assertEquals(Optional.empty(), report.problem());
        assertBounds(List.of(7.3, 46.9, 7.6, 47.1), report.wgs84Bounds().orElseThrow());
    }

    /** Writers wrap names, and at times coordinates and times, in CDATA sections: they are text like any other. */
    @Test
    void textInCdataSectionsIsRead() throws IOException {
        FormatReport kml = KmlDocument.read(text("""
                <kml><Document><name><![CDATA[Bern & Thun]]></name>
                  <Placemark><TimeStamp><when><![CDATA[2024-06-01T09:15:00Z]]></when></TimeStamp>
                    <Point><coordinates><![CDATA[7.4474,46.948]]></coordinates></Point></Placemark></Document></kml>"""));
        assertEquals("Bern & Thun", kml.details().path("name").asText());
        assertBounds(List.of(7.4474, 46.948, 7.4474, 46.948), kml.wgs84Bounds().orElseThrow());
        assertEquals(Optional.of(Instant.parse("2024-06-01T09:15:00Z")), kml.start());

        FormatReport gpx = GpxDocument.read(text("""
                <gpx version="1.1" creator="Garmin"><metadata><name><![CDATA[Morning run]]></name></metadata>
                  <wpt lat="46.1" lon="7.1"><time><![CDATA[2024-05-01T06:00:00Z]]></time></wpt></gpx>"""));
        assertEquals("Morning run", gpx.details().path("name").asText());
        assertEquals(Optional.of(Instant.parse("2024-05-01T06:00:00Z")), gpx.start());
    }

    /** A WFS 2.0 GetFeature of two type names: a collection per type name, in the members of the answer. */
    @Test
    void theFeaturesOfNestedWfsCollectionsAreCounted() throws IOException {
        FormatReport report = GmlDocument.read(text("""
                <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
                    xmlns:app="https://example.com/app" numberMatched="3" numberReturned="3">
                  <wfs:member><wfs:FeatureCollection>
                    <wfs:member><app:town><app:geom><gml:Point srsName="EPSG:4326"><gml:pos>7.44 46.95</gml:pos></gml:Point>
                      </app:geom></app:town></wfs:member>
                    <wfs:member><app:town><app:geom><gml:Point srsName="EPSG:4326"><gml:pos>8.54 47.38</gml:pos></gml:Point>
                      </app:geom></app:town></wfs:member>
                  </wfs:FeatureCollection></wfs:member>
                  <wfs:member><wfs:FeatureCollection>
                    <wfs:member><app:lake><app:geom><gml:Polygon srsName="EPSG:4326"><gml:exterior><gml:LinearRing>
                      <gml:posList>7.62 46.76 7.8 46.66 7.87 46.69 7.62 46.76</gml:posList></gml:LinearRing></gml:exterior>
                      </gml:Polygon></app:geom></app:lake></wfs:member>
                  </wfs:FeatureCollection></wfs:member>
                </wfs:FeatureCollection>"""));

        assertEquals(Optional.empty(), report.problem());
        assertEquals(3, report.details().path("featureCount").asInt());
        assertEquals(List.of("Point", "Polygon"), texts(report.details().path("geometryTypes")));
    }

    /**
     * An srsDimension holds for the geometry that declares it and the positions inside it alone, and
     * a pos that none declares a dimension for has as many as it holds numbers.
     */
    @Test
    void anSrsDimensionHoldsWithinItsGeometry() throws IOException {
        FormatReport report = GmlDocument.read(text("""
                <FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2" xmlns="https://example.com/app">
                  <featureMember><road><gml:LineString srsName="EPSG:4326" srsDimension="3">
                    <gml:posList>7.3 46.9 540 7.5 47.0 560</gml:posList></gml:LineString></road></featureMember>
                  <featureMember><town><gml:Point srsName="EPSG:4326"><gml:pos>8.54 47.38</gml:pos></gml:Point></town></featureMember>
                  <featureMember><peak><gml:Point srsName="EPSG:4326"><gml:pos>7.96 46.54 4158</gml:pos></gml:Point></peak></featureMember>
                </FeatureCollection>"""));

        assertEquals(Optional.empty(), report.problem());
        assertBounds(List.of(7.3, 46.54, 8.54, 47.38), report.wgs84Bounds().orElseThrow());
    }

    /** OGC's CRS84 is WGS 84 longitude first, and "epsg:4326" is "EPSG:4326" in any case. */
    @Test
    void crs84AndALowerCaseEpsgCodeAreWgs84LongitudeFirst() throws IOException {
        for (String srsName : List.of("urn:ogc:def:crs:OGC:1.3:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                "urn:ogc:def:crs:OGC::CRS84", "epsg:4326")) {
            FormatReport report = GmlDocument.read(text("""
                    <FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"><featureMember><town>
                      <gml:LineString srsName="%s"><gml:posList>7.44 46.95 8.54 47.38</gml:posList></gml:LineString>
                    </town></featureMember></FeatureCollection>""".formatted(srsName)));

            assertEquals("EPSG:4326", report.details().path("crs").asText(), srsName);
            assertBounds(List.of(7.44, 46.95, 8.54, 47.38), report.wgs84Bounds().orElseThrow());
        }
    }

    @Test
    void aGpxDocumentsWaypointsAndTracksAreCountedPlacedAndTimed() throws IOException {
        FormatReport report = GpxDocument.read(fixture("track.gpx"));

        assertEquals(Format.GPX, report.format());
        assertEquals(Optional.empty(), report.problem());
        assertEquals("GDAL 3.6.2", report.details().path("creator").asText());
        assertEquals("1.1", report.details().path("version").asText());
        assertEquals(2, report.details().path("waypointCount").asInt());
        assertEquals(1, report.details().path("trackCount").asInt());
        assertEquals(2, report.details().path("trackSegmentCount").asInt());
        assertEquals(4, report.details().path("trackPointCount").asInt());
        assertEquals(3, report.details().path("featureCount").asInt(), "two waypoints and a track, GDAL's features");
        assertEquals(List.of("MultiLineString", "Point"), texts(report.details().path("geometryTypes")));
        // ogrinfo: the tracks' extent (7.962700, 46.536700) - (8.034000, 46.599000) holds the waypoints'
        assertBounds(List.of(7.9627, 46.5367, 8.034, 46.599), report.wgs84Bounds().orElseThrow());
        assertEquals(Optional.of(Instant.parse("2024-07-14T06:25:00Z")), report.start(), "the first waypoint's time");
        assertEquals(Optional.of(Instant.parse("2024-07-14T11:20:00Z")), report.end(), "the last track point's");
    }

    @Test
    void aGpx10DocumentNamesItselfAtItsRootAndAPointWithoutPositionFails() throws IOException {
        FormatReport gpx10 = GpxDocument.read(text("""
                <gpx version="1.0" creator="eTrex 10" xmlns="http://www.topografix.com/GPX/1/0">
                  <name>Morning run</name><time>2024-05-01T12:00:00Z</time>
                  <trk><name>not the document's</name><trkseg><trkpt lat="46.1" lon="7.1"><time>2024-05-01T06:00:00Z</time></trkpt>
                  </trkseg></trk></gpx>"""));
        assertEquals("Morning run", gpx10.details().path("name").asText());
        assertEquals("2024-05-01T12:00:00Z", gpx10.details().path("created").asText());
        assertEquals(Optional.of(Instant.parse("2024-05-01T06:00:00Z")), gpx10.start(), "the point's time, not the file's");
        assertEquals(List.of("MultiLineString"), texts(gpx10.details().path("geometryTypes")));

        FormatReport noLatitude = GpxDocument.read(fixture("track-no-lat.gpx"));
        assertEquals(Optional.of("<trkpt> number 2 has no lat and lon attributes that are numbers"), noLatitude.problem());
    }
}
