package io.geoingest.cli.progress;

import io.geoingest.cli.ByteSize;
import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on the terminal: bytes done in MiB, the rate and the time left. */
public final class ConsoleProgress implements Progress {
    private final ProgressBar bar;

    /**
     * @param total the bytes of the whole transfer; below zero when unknown
     * @param done the bytes already done before this run (a resumed upload), left out of the rate
     */
    public ConsoleProgress(PrintStream terminal, String task, long total, long done) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" MiB", ByteSize.MIB)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setUpdateIntervalMillis(250)
                .startsFrom(done, Duration.ZERO)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .build();
    }

    @Override
    public void advance(long bytes) {
        bar.stepBy(bytes);
    }

    @Override
    public void close() {
        bar.close();
    }
}
