package io.geoingest.worker.scan;

/**
 * One step of the single streaming pass over a stored object: it sees every byte once, in order.
 * Steps keep what they learn and offer it through their own accessors once the pass is over.
 */
public interface StreamStep {

    void update(byte[] bytes, int offset, int length);
}
