package io.geoingest.common.error;

/** The innermost cause of a failure, which usually says what actually went wrong. */
public final class RootCause {
    private RootCause() {
    }

    /** @return the innermost cause's message, or its class name when it has none */
    public static String message(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
