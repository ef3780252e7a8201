package org.safepolicing.portal.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rendered form's hidden fields (the session's CSRF token, the form's Idempotency-Key) as a browser sends them. */
public final class FormFields {

    /** The value of the first hidden field {@code name} on the page. */
    public static String hidden(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), "the page has a " + name + " field");
        return m.group(1);
    }

    private FormFields() {
    }
}
