package org.safepolicing.platform.events;

/**
 * An event that can never be processed as it is (not a CloudEvent, malformed data, a payload that breaks the
 * contract). It goes to the dead-letter topic at once, with this message as the reason; retrying cannot help.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
