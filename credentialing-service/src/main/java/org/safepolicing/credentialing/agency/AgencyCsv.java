package org.safepolicing.credentialing.agency;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes), keeping for each record
 * the line of the file it starts on, so an import can name the line of every error.
 */
final class AgencyCsv {

    record Record(int line, List<String> fields) {

        /**
         * The first field holding a NUL character (U+0000), or -1: PostgreSQL cannot store it in text, so the import
         * refuses such a cell naming its line. (The platform refuses NUL in JSON bodies, paths and queries; a CSV cell
         * is read only here.)
         */
        int firstFieldWithNul() {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).indexOf('\u0000') >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    static final class MalformedCsv extends RuntimeException {
        final int line;

        MalformedCsv(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || fieldWasQuoted) {
                        throw new MalformedCsv(line, "a quote inside an unquoted field");
                    }
                    quoted = true;
                    fieldWasQuoted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                }
                case '\r' -> {
                    // CR LF or a lone CR both end the record
                }
                case '\n' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    addUnlessBlank(records, recordLine, fields);
                    fields = new ArrayList<>();
                    line++;
                    recordLine = line;
                }
                default -> {
                    if (fieldWasQuoted) {
                        throw new MalformedCsv(line, "text after a closing quote");
                    }
                    field.append(c);
                }
            }
            i++;
        }
        if (quoted) {
            throw new MalformedCsv(recordLine, "a quoted field is never closed");
        }
        if (field.length() > 0 || fieldWasQuoted || !fields.isEmpty()) {
            fields.add(field.toString());
            addUnlessBlank(records, recordLine, fields);
        }
        return records;
    }

    private static void addUnlessBlank(List<Record> records, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return; // empty lines are skipped, not errors
        }
        records.add(new Record(line, fields));
    }

    private AgencyCsv() {
    }
}
