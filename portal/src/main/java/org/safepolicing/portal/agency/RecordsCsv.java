package org.safepolicing.portal.agency;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.safepolicing.portal.web.PortalProblem;
import org.safepolicing.portal.web.Services;

/**
 * Reads an agency's CSV file of records (RFC 4180: comma-separated, a cell in double quotes may hold commas, line breaks
 * and doubled quotes; lines end with CRLF or LF; UTF-8, with or without a byte-order mark) into the records of
 * records-service's bulk submission. The header row names the columns: each is a field of a record as the JSON upload
 * and the record form send it, nested fields with a dot ({@code officer.state}, {@code fairProcess.noticeDate}); in any
 * order, case aside; a column may be left out. An empty cell leaves its field out. The portal checks only what it must
 * to write JSON (dates, yes/no, the category and appeal names, the number of cells); records-service checks the rest
 * and names the record, which {@link #lineOf} turns back into the line of the file.
 */
final class RecordsCsv {

    /** The most records one upload may hold (records-service's limit for a bulk submission). */
    static final int MAX_RECORDS = 10_000;
    /** How many unreadable lines a refusal lists (the count says how many there are in all). */
    static final int MAX_LISTED = 100;

    enum Kind { TEXT, DATE, YES_NO, CATEGORY, APPEAL }

    /** The columns a header may name, in the order the page lists them, with the kind of value each holds. */
    static final Map<String, Kind> COLUMNS = columns();

    private static Map<String, Kind> columns() {
        Map<String, Kind> columns = new LinkedHashMap<>();
        columns.put("officer.state", Kind.TEXT);
        columns.put("officer.certificationNumber", Kind.TEXT);
        columns.put("officer.firstName", Kind.TEXT);
        columns.put("officer.middleName", Kind.TEXT);
        columns.put("officer.lastName", Kind.TEXT);
        columns.put("officer.dateOfBirth", Kind.DATE);
        columns.put("officer.employment.position", Kind.TEXT);
        columns.put("officer.employment.startDate", Kind.DATE);
        columns.put("officer.employment.endDate", Kind.DATE);
        columns.put("category", Kind.CATEGORY);
        columns.put("onDutyConduct", Kind.YES_NO);
        columns.put("improperUseOfForce", Kind.YES_NO);
        columns.put("useOfForceInvestigation", Kind.YES_NO);
        columns.put("incidentDate", Kind.DATE);
        columns.put("summary", Kind.TEXT);
        columns.put("reportingPeriod", Kind.TEXT);
        columns.put("fairProcess.noticeDate", Kind.DATE);
        columns.put("fairProcess.responseDate", Kind.DATE);
        columns.put("fairProcess.hearingHeld", Kind.YES_NO);
        columns.put("fairProcess.finalAdjudicationDate", Kind.DATE);
        columns.put("fairProcess.adjudication", Kind.TEXT);
        columns.put("fairProcess.appealStatus", Kind.APPEAL);
        columns.put("fairProcess.judgmentDate", Kind.DATE);
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static final Set<String> CATEGORIES = Set.of("TERMINATION", "DECERTIFICATION", "CRIMINAL_CONVICTION",
            "CIVIL_JUDGMENT", "RESIGNED_UNDER_INVESTIGATION", "RETIRED_UNDER_INVESTIGATION");
    private static final Set<String> APPEALS = Set.of("EXHAUSTED", "WAIVED", "PENDING", "NONE");
    private static final Pattern RECORD_PATH = Pattern.compile("^records\\[(\\d+)\\]\\.?(.*)$");

    /** The records of the file, and for each the line of the file it starts on. */
    record Read(ArrayNode records, List<Integer> lines) {
    }

    /** One row of the file as written: the line it starts on, its cells, or why it cannot be read. */
    private record Row(int line, List<String> cells, String unreadable) {
    }

    private RecordsCsv() {
    }

    /**
     * The file's records, or a 400 problem listing each line that cannot be read (and nothing is sent): not UTF-8, a
     * header naming no known column, a line with another number of cells than the header, a quote left open, a value
     * that is not a date or yes/no or a known name.
     */
    static Read read(byte[] file) {
        String text = decode(file);
        List<Row> rows = rows(text);
        if (rows.isEmpty()) {
            throw PortalProblem.badRequest("The CSV file is empty. Its first line names the columns; each line after it"
                    + " is one record.");
        }
        Row header = rows.get(0);
        List<PortalProblem.FieldError> errors = new ArrayList<>();
        if (header.unreadable() != null) {
            throw refusal(List.of(error(header.line(), header.unreadable())), 1);
        }
        List<String> columns = new ArrayList<>();
        for (String cell : header.cells()) {
            String name = canonical(cell.strip());
            if (name == null) {
                errors.add(error(header.line(), "the header names a column '" + cell.strip()
                        + "' that a record does not have (the columns are listed on the records page)"));
            } else if (columns.contains(name)) {
                errors.add(error(header.line(), "the header names the column " + name + " twice"));
            }
            columns.add(name);
        }
        if (!errors.isEmpty()) {
            throw refusal(errors, errors.size());
        }
        ArrayNode records = Services.JSON.createArrayNode();
        List<Integer> lines = new ArrayList<>();
        long unreadable = 0;
        for (Row row : rows.subList(1, rows.size())) {
            if (row.unreadable() == null && row.cells().size() == 1 && row.cells().get(0).isEmpty()) {
                continue; // an empty line
            }
            List<String> problems = new ArrayList<>();
            ObjectNode record = row.unreadable() == null ? record(row, columns, problems) : null;
            if (row.unreadable() != null) {
                problems.add(row.unreadable());
            }
            if (!problems.isEmpty()) {
                unreadable += problems.size();
                for (String problem : problems) {
                    if (errors.size() < MAX_LISTED) {
                        errors.add(error(row.line(), problem));
                    }
                }
                continue;
            }
            records.add(record);
            lines.add(row.line());
        }
        if (!errors.isEmpty()) {
            throw refusal(errors, unreadable);
        }
        if (records.isEmpty()) {
            throw PortalProblem.badRequest("The CSV file names its columns but holds no record: each line after the"
                    + " header is one record.");
        }
        if (records.size() > MAX_RECORDS) {
            throw PortalProblem.badRequest("The file holds " + records.size() + " records; one upload takes at most "
                    + MAX_RECORDS + ". Split it into several files.");
        }
        return new Read(records, lines);
    }

    /**
     * The line of the file a refusal of records-service names: {@code records[2].officer.dateOfBirth} becomes
     * {@code line 4: officer.dateOfBirth} when the third record starts on line 4; any other name is kept as it is.
     */
    static String lineOf(String field, List<Integer> lines) {
        if (field == null) {
            return null;
        }
        Matcher m = RECORD_PATH.matcher(field);
        if (!m.matches()) {
            return field;
        }
        int index;
        try {
            index = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return field;
        }
        if (index < 0 || index >= lines.size()) {
            return field;
        }
        return "line " + lines.get(index) + (m.group(2).isEmpty() ? "" : ": " + m.group(2));
    }

    private static ObjectNode record(Row row, List<String> columns, List<String> problems) {
        if (row.cells().size() != columns.size()) {
            problems.add("has " + row.cells().size() + " cell(s) where the header names " + columns.size()
                    + " (a cell holding a comma or a line break goes in double quotes)");
            return null;
        }
        ObjectNode record = Services.JSON.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String value = row.cells().get(i).strip();
            if (value.isEmpty()) {
                continue;
            }
            ObjectNode target = record;
            String[] path = column.split("\\.");
            for (int p = 0; p < path.length - 1; p++) {
                target = target.has(path[p]) ? (ObjectNode) target.get(path[p]) : target.putObject(path[p]);
            }
            String field = path[path.length - 1];
            switch (COLUMNS.get(column)) {
                case TEXT -> target.put(field, column.equals("officer.state") ? value.toUpperCase(Locale.ROOT) : value);
                case DATE -> {
                    try {
                        target.put(field, LocalDate.parse(value).toString());
                    } catch (DateTimeParseException e) {
                        problems.add(column + ": '" + shorten(value) + "' is not a date such as 2024-03-15");
                    }
                }
                case YES_NO -> {
                    Boolean yes = yesNo(value);
                    if (yes == null) {
                        problems.add(column + ": '" + shorten(value) + "' is neither true nor false");
                    } else {
                        target.put(field, yes);
                    }
                }
                case CATEGORY -> {
                    String name = value.toUpperCase(Locale.ROOT);
                    if (CATEGORIES.contains(name)) {
                        target.put(field, name);
                    } else {
                        problems.add(column + ": '" + shorten(value) + "' is not a category of Sec. 3(b)");
                    }
                }
                case APPEAL -> {
                    String name = value.toUpperCase(Locale.ROOT);
                    if (APPEALS.contains(name)) {
                        target.put(field, name);
                    } else {
                        problems.add(column + ": '" + shorten(value) + "' is not EXHAUSTED, WAIVED, PENDING or NONE");
                    }
                }
            }
        }
        return record;
    }

    private static Boolean yesNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String canonical(String name) {
        for (String column : COLUMNS.keySet()) {
            if (column.equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }

    private static String decode(byte[] file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw PortalProblem.badRequest("The CSV file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.");
        }
        if (text.indexOf('\0') >= 0) {
            throw PortalProblem.badRequest("The CSV file holds a NUL character; it is not a text file.");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The rows of the text as RFC 4180 writes them. A row that breaks the quoting is kept as unreadable with the
     * reason, and reading goes on at the next line, so every such line is named at once.
     */
    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            String unreadable = null;
            boolean quoted = false;
            boolean afterQuote = false;
            boolean rowEnded = false;
            while (i < n && !rowEnded) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            afterQuote = true;
                            i++;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    afterQuote = false;
                    i++;
                } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i += 2;
                    line++;
                    rowEnded = true;
                } else if (c == '\n') {
                    i++;
                    line++;
                    rowEnded = true;
                } else if (afterQuote) {
                    unreadable = "has text after a closing quote in cell " + (cells.size() + 1)
                            + " (a quote inside a cell is written twice: \"\")";
                    break;
                } else if (c == '"') {
                    if (cell.isEmpty()) {
                        quoted = true;
                        i++;
                    } else {
                        unreadable = "has a quote inside cell " + (cells.size() + 1)
                                + " that does not start with one (put the whole cell in quotes and write the quote twice)";
                        break;
                    }
                } else {
                    cell.append(c);
                    i++;
                }
            }
            if (unreadable != null) {
                // go on at the next line break
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                if (i < n) {
                    i++;
                    line++;
                }
                rows.add(new Row(start, List.of(), unreadable));
                continue;
            }
            if (quoted) {
                rows.add(new Row(start, List.of(), "opens a quoted cell that is never closed"));
                break;
            }
            cells.add(cell.toString());
            rows.add(new Row(start, List.copyOf(cells), null));
        }
        return rows;
    }

    private static PortalProblem.FieldError error(int line, String message) {
        return new PortalProblem.FieldError("line " + line, message);
    }

    private static PortalProblem refusal(List<PortalProblem.FieldError> errors, long count) {
        return new PortalProblem(400, "Lines that cannot be read",
                "The portal could not read these lines of the CSV file, so nothing was sent to records-service and"
                        + " nothing was stored. Correct them and upload the file again.", null, errors, count);
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
