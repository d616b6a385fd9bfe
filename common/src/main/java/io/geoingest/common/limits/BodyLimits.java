package io.geoingest.common.limits;

/**
 * The body limits of a service, by path, which {@link BodyTooLarge} holds every request to:
 * whether its body says how long it is or not.
 */
public interface BodyLimits {
    /** The bytes a body sent to {@code path} may have. */
    long allowed(String path);

    /** What the refusal of a body over the limit of {@code path} says. */
    String tooLargeFor(String path);

    /**
     * Whether the endpoint of {@code path} reads its body as a stream and measures what it stores
     * itself, so that a body of unknown length is left to it.
     */
    default boolean measuredByEndpoint(String path) {
        return false;
    }
}
