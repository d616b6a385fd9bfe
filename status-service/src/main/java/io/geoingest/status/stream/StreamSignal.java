package io.geoingest.status.stream;

/** What an open status stream sends: a status event, or a keep-alive when nothing changed. */
sealed interface StreamSignal permits StatusEvent, StreamSignal.KeepAlive {

    KeepAlive KEEP_ALIVE = new KeepAlive();

    record KeepAlive() implements StreamSignal {
    }
}
