package io.geoingest.worker.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Where a JPEG 2000 lies by its GMLJP2 box (OGC GML in JPEG 2000): an association box whose XML
 * box holds a GML {@code RectifiedGrid}, the grid's origin and the step of a pixel along each axis
 * in a CRS named by EPSG code. GDAL writes it beside a GeoJP2 box, and some producers write it
 * alone; the GeoJP2 box, read as a GeoTIFF, comes first when both are there (as in GDAL).
 */
final class GmlJp2 {
    /** A GMLJP2 document describes one grid in a few kilobytes: a larger one is not read. */
    private static final long MAX_XML = 1 << 20;
    /** GML 3.1 (GMLJP2 1) or 3.2 (GMLJP2 2): elements are matched by name in any namespace. */
    private static final String ANY_GML = "*";

    private GmlJp2() {
    }

    /** @return empty when the file has no GMLJP2 box with a rectified grid in an EPSG CRS */
    static Optional<GeoTiffGeoreference> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            Optional<byte[]> xml = gridXml(channel, 0, channel.size(), false);
            return xml.flatMap(GmlJp2::rectifiedGrid);
        }
    }

    /**
     * The first XML box inside an association box between {@code from} and {@code to} that
     * mentions a rectified grid. Boxes that do not add up are passed by: the layout check has
     * already judged the file, and a georeference is only a description.
     */
    private static Optional<byte[]> gridXml(FileChannel channel, long from, long to, boolean inAssociation)
            throws IOException {
        for (long position = from; Jp2BoxHeader.fits(position, to); ) {
            Jp2BoxHeader box = Jp2BoxHeader.read(channel, position, to);
            long end = position + box.length();
            if (end < box.contentStart() || end > to || box.type().equals("jp2c")) {
                return Optional.empty();
            }
            if (box.type().equals("asoc")) {
                Optional<byte[]> inside = gridXml(channel, box.contentStart(), end, true);
                if (inside.isPresent()) {
                    return inside;
                }
            } else if (inAssociation && box.type().equals("xml ") && end - box.contentStart() <= MAX_XML) {
                ByteBuffer content = ByteBuffer.allocate((int) (end - box.contentStart()));
                channel.read(content, box.contentStart());
                if (new String(content.array(), StandardCharsets.UTF_8).contains("RectifiedGrid")) {
                    return Optional.of(content.array());
                }
            }
            position = end;
        }
        return Optional.empty();
    }

    static Optional<GeoTiffGeoreference> rectifiedGrid(byte[] xml) {
        int length = xml.length;
        // GDAL ends the text with a NUL byte, which an XML parser refuses after the document
        while (length > 0 && xml[length - 1] == 0) {
            length--;
        }
        Document document;
        try {
            document = parser().parse(new ByteArrayInputStream(xml, 0, length));
        } catch (SAXException | IOException | ParserConfigurationException unreadable) {
            return Optional.empty();
        }
        Optional<Element> grid = first(document.getDocumentElement(), "RectifiedGrid");
        Optional<Element> origin = grid.flatMap(found -> first(found, "origin"));
        NodeList offsets = grid.map(found -> found.getElementsByTagNameNS(ANY_GML, "offsetVector")).orElse(null);
        if (origin.isEmpty() || offsets == null || offsets.getLength() != 2) {
            return Optional.empty();
        }
        Optional<double[]> low = first(grid.get(), "low").flatMap(GmlJp2::numbers);
        Optional<double[]> high = first(grid.get(), "high").flatMap(GmlJp2::numbers);
        Optional<double[]> position = first(origin.get(), "pos").flatMap(GmlJp2::numbers);
        Optional<double[]> alongI = numbers((Element) offsets.item(0));
        Optional<double[]> alongJ = numbers((Element) offsets.item(1));
        Optional<GmlSrsName> crs = srsName(origin.get(), grid.get(), document.getDocumentElement())
                .flatMap(GmlSrsName::parse);
        if (low.isEmpty() || high.isEmpty() || position.isEmpty() || alongI.isEmpty() || alongJ.isEmpty()
                || crs.isEmpty()) {
            return Optional.empty();
        }
        int x = crs.get().latitudeFirst() ? 1 : 0;
        int y = crs.get().latitudeFirst() ? 0 : 1;
        OptionalInt epsg = OptionalInt.of(crs.get().epsg());
        // The origin is the centre of grid point 0, 0, and the image's first pixel is grid point
        // low: its outer corner lies half a step before it along both offset vectors.
        double firstI = low.get()[0] - 0.5;
        double firstJ = low.get()[1] - 0.5;
        double[] transform = {alongI.get()[x], alongJ.get()[x],
            position.get()[x] + firstI * alongI.get()[x] + firstJ * alongJ.get()[x],
            alongI.get()[y], alongJ.get()[y],
            position.get()[y] + firstI * alongI.get()[y] + firstJ * alongJ.get()[y]};
        long columns = (long) (high.get()[0] - low.get()[0] + 1);
        long rows = (long) (high.get()[1] - low.get()[1] + 1);
        if (!Arrays.stream(transform).allMatch(Double::isFinite) || columns < 1 || rows < 1
                || columns > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new GeoTiffGeoreference(epsg, "EPSG:" + epsg.getAsInt(),
                Optional.of(GeoTiffGeoreference.corners(transform, (int) columns, (int) rows)), Optional.of(transform),
                List.of(), Optional.empty(), OptionalInt.empty()));
    }

    /** The XML parser, with neither a document type nor an entity from outside the box: the file is not trusted. */
    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // the default handler prints what it finds wrong; DefaultHandler throws on a fatal error only
        builder.setErrorHandler(new DefaultHandler());
        return builder;
    }

    private static Optional<Element> first(Element within, String gmlName) {
        NodeList found = within.getElementsByTagNameNS(ANY_GML, gmlName);
        return found.getLength() == 0 ? Optional.empty() : Optional.of((Element) found.item(0));
    }

    /** The first {@code srsName} of the origin's point, the grid or the document's envelope. */
    private static Optional<String> srsName(Element origin, Element grid, Element document) {
        for (Element holder : new Element[] {first(origin, "Point").orElse(origin), origin, grid}) {
            if (holder.hasAttribute("srsName")) {
                return Optional.of(holder.getAttribute("srsName").trim());
            }
        }
        return first(document, "Envelope").filter(envelope -> envelope.hasAttribute("srsName"))
                .map(envelope -> envelope.getAttribute("srsName").trim());
    }


    /** The two numbers an element holds (a position, a step, grid limits), separated by white space. */
    private static Optional<double[]> numbers(Element element) {
        String[] parts = element.getTextContent().trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        } catch (NumberFormatException notNumbers) {
            return Optional.empty();
        }
    }
}
