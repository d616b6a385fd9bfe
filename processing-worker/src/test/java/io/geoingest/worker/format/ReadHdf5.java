package io.geoingest.worker.format;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one HDF5 file as the worker does, run on its own in a small heap (see {@link SmallHeap}). */
final class ReadHdf5 {
    private ReadHdf5() {
    }

    public static void main(String[] args) throws IOException {
        FormatReport report = NetCdfReader.hdf5(Path.of(args[0]));
        System.out.println(report.problem().orElse("read " + report.details()));
    }
}
