package org.safepolicing.credentialing;

import java.util.Locale;

/**
 * The one rule for search text in a {@code LIKE} pattern, for every search of the service: surrounding spaces ignored,
 * and the text taken literally (its {@code %} and {@code _}, and the escape character {@code !}, escaped), so "100%" or
 * "A_B" finds those characters and never matches everything. Every pattern is compared with {@link #ESCAPE}: Hibernate
 * otherwise renders PostgreSQL's {@code like} with {@code escape ''}, where no character escapes.
 */
public final class SearchText {

    /** Follows {@code like :pattern} in a query: the escape character the patterns of this class use. */
    public static final String ESCAPE = " escape '!'";

    private SearchText() {
    }

    /** The text anywhere in a lower-cased column: {@code lower(name) like :pattern escape '!'}. */
    public static String anywhereLowerCase(String text) {
        return "%" + escaped(text.strip().toLowerCase(Locale.ROOT)) + "%";
    }

    /** The text at the start of an upper-case code such as an ORI: {@code ori like :pattern escape '!'}. */
    public static String prefixUpperCase(String text) {
        return escaped(text.strip().toUpperCase(Locale.ROOT)) + "%";
    }

    private static String escaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
