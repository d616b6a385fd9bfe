package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A FeatureCollection of one polygon of as many vertices as asked, made as it is read, so that its
 * size costs the reader's memory and nothing else. Run on its own (a JVM with a small heap) it
 * prints what the reader found.
 */
final class HugePolygon {
    private static final int VERTICES_PER_PIECE = 10_000;

    private HugePolygon() {
    }

    static InputStream document(long vertices) {
        Enumeration<InputStream> pieces = new Enumeration<>() {
            private long next = -1;

            @Override
            public boolean hasMoreElements() {
                return next <= vertices;
            }

            @Override
            public InputStream nextElement() {
                StringBuilder text = new StringBuilder();
                if (next < 0) {
                    text.append("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.0,46.0]");
                    next = 1;
                } else {
                    long end = Math.min(vertices, next + VERTICES_PER_PIECE);
                    for (; next < end; next++) {
                        text.append(",[").append(7 + (next % 1000) / 1000.0).append(',')
                                .append(46 + (next / 1000 % 1000) / 1000.0).append(']');
                    }
                    if (next == vertices) {
                        text.append(",[7.0,46.0]]]}}]}");
                        next++;
                    }
                }
                return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII));
            }
        };
        return new SequenceInputStream(pieces);
    }

    public static void main(String[] args) throws Exception {
        FormatReport report = new JsonDocumentReader(new ObjectMapper()).read(document(Long.parseLong(args[0])));
        System.out.println(report.details());
    }
}
