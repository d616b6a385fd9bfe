package io.geoingest.worker.format;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.stream.FileImageInputStream;

/** Reads one TIFF's tags as the worker does, run on its own in a small heap (see {@link SmallHeap}). */
final class ReadTiffTags {
    private ReadTiffTags() {
    }

    /** Prints whether the file is a COG, has data beyond its end, and has absent tiles. */
    public static void main(String[] args) throws IOException {
        try (FileImageInputStream input = new FileImageInputStream(Path.of(args[0]).toFile())) {
            TiffTags tags = TiffTags.read(input).orElseThrow();
            System.out.println(tags.cloudOptimized() + " " + tags.dataBeyond(input.length()) + " " + tags.sparse());
        }
    }
}
