package org.safepolicing.records.officer;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How names are compared in checks: a normalized "first last" (lower case, no accents, letters and spaces) scored
 * with pg_trgm similarity, and the Soundex code of the last name, so "Smyth" finds "Smith".
 */
public final class NameKey {

    private static final String CODES = "01230120022455012623010202"; // a..z

    private NameKey() {
    }

    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").replaceAll("\\s+", " ").strip();
    }

    public static String fullName(String first, String last) {
        return (normalize(first) + " " + normalize(last)).strip();
    }

    /** American Soundex (letter + 3 digits) of the letters of {@code name}; "0000" when it has none. */
    public static String soundex(String name) {
        String s = normalize(name).replace(" ", "");
        if (s.isEmpty()) {
            return "0000";
        }
        StringBuilder out = new StringBuilder().append(Character.toUpperCase(s.charAt(0)));
        char last = CODES.charAt(s.charAt(0) - 'a');
        for (int i = 1; i < s.length() && out.length() < 4; i++) {
            char c = s.charAt(i);
            char code = CODES.charAt(c - 'a');
            if (code != '0' && code != last) {
                out.append(code);
            }
            if (c != 'h' && c != 'w') {
                last = code;
            }
        }
        while (out.length() < 4) {
            out.append('0');
        }
        return out.toString();
    }
}
