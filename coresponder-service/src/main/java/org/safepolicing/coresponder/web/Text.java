package org.safepolicing.coresponder.web;

/** Rules for the free text a request may carry (a partner's name, a coverage area, a reason, a course title). */
public final class Text {

    /**
     * No control characters but tab, line feed and carriage return: PostgreSQL refuses NUL in text, and the others
     * have no place in a name or a reason.
     */
    public static final String PRINTABLE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    public static final String PRINTABLE_MESSAGE = "must not contain control characters";

    private Text() {
    }
}
