package io.geoingest.worker.format;

import com.ctc.wstx.stax.WstxInputFactory;
import java.io.InputStream;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * How uploaded XML (KML, GPX, a product's metadata) is read: with Woodstox, no DTDs and no
 * external entities, so a document is data and not a way to read the worker's files. Unlike the
 * JDK's reader, Woodstox bounds what it holds at once: text comes in segments of a few thousand
 * characters, and an attribute over 512 KiB is refused, so a crafted file cannot fill the heap.
 */
final class XmlReading {
    private static final XMLInputFactory FACTORY = factory();

    /** Takes an element's text a segment at a time. */
    @FunctionalInterface
    interface Segments<E extends Exception> {
        void add(char[] text, int start, int length) throws E;
    }

    /** A reader of one kind of XML document: it takes the document's events, then says what it found. */
    interface Document {
        void read(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException;

        FormatReport report() throws UnreadableFileException;
    }

    private XmlReading() {
    }

    /**
     * The report of {@code document} on the XML read from {@code in}; XML that cannot be read, or
     * a fault the reader finds in the document, fails the file with the reason.
     */
    static FormatReport read(InputStream in, Format format, Document document) {
        try {
            XMLStreamReader xml = open(in);
            try {
                document.read(xml);
            } finally {
                xml.close();
            }
            return document.report();
        } catch (XMLStreamException malformed) {
            return FormatReport.unreadable(format, "the " + format.title() + " document cannot be read as XML: "
                    + malformed.getMessage());
        } catch (UnreadableFileException wrong) {
            return FormatReport.unreadable(format, wrong.getMessage());
        }
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /**
     * The text of the element just started, segment by segment, its child elements skipped; its end is read too.
     * A CDATA section is text like any other: without coalescing, Woodstox reports it as an event of its own.
     */
    static <E extends Exception> void text(XMLStreamReader xml, Segments<E> segments) throws XMLStreamException, E {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                segments.add(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
        }
    }

    /** Passes over the element just started, to its end. */
    static void skip(XMLStreamReader xml) throws XMLStreamException {
        XmlReading.<RuntimeException>text(xml, (text, start, length) -> {
        });
    }

    /** The text of the element just started, up to {@code max} characters (the rest is passed over), trimmed. */
    static String text(XMLStreamReader xml, int max) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        XmlReading.<RuntimeException>text(xml, (characters, start, length) -> text.append(characters, start,
                Math.max(0, Math.min(length, max - text.length()))));
        return text.toString().trim();
    }

    /** A number given as text, when it is a finite one. */
    static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text.trim())).filter(Double::isFinite);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
