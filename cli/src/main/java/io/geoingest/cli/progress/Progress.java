package io.geoingest.cli.progress;

import java.util.concurrent.atomic.AtomicLong;

/** How many bytes of a transfer are done, shown to a person or to nobody. */
public interface Progress extends AutoCloseable {

    /** Adds {@code bytes} (fewer than zero to take some back). */
    void advance(long bytes);

    @Override
    void close();

    static Progress none() {
        return new Progress() {
            @Override
            public void advance(long bytes) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Counts one piece of the transfer, such as a part, that may be sent more than once. */
    default Transfer transfer() {
        return new Transfer(this);
    }

    /**
     * The bytes of one piece. A new attempt takes back what the failed one had counted, so the
     * total never runs ahead of what really arrived.
     */
    final class Transfer {
        private final Progress progress;
        private final AtomicLong counted = new AtomicLong();

        Transfer(Progress progress) {
            this.progress = progress;
        }

        public void restart() {
            progress.advance(-counted.getAndSet(0));
        }

        public void add(long bytes) {
            counted.addAndGet(bytes);
            progress.advance(bytes);
        }
    }
}
