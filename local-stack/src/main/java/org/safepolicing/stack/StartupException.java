package org.safepolicing.stack;

/** A start failed for a reason the user can act on; the message is printed as the {@code FAILED} line. */
final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
