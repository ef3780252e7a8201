package org.safepolicing.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The one way services write CSV answers: RFC 4180 quoting, CRLF line ends, a header row, and cells that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return) prefixed with an
 * apostrophe, so data from one agency cannot execute in another's spreadsheet (CSV injection). Numbers are written
 * as they are; only text cells are neutralized.
 *
 * <pre>{@code
 * return Response.ok(Csv.header("ori", "name", "status").rows(list, a -> List.of(a.ori(), a.name(), a.status())).toString())
 *         .type(Csv.MEDIA_TYPE).build();
 * }</pre>
 */
public final class Csv {

    /** The media type of CSV answers, with the charset spelled out. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    /** Content negotiation value for {@code @Produces}. */
    public static final String TEXT_CSV = "text/csv";

    private final int columns;
    private final StringBuilder out = new StringBuilder();

    private Csv(List<String> header) {
        this.columns = header.size();
        append(new ArrayList<>(header));
    }

    public static Csv header(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a CSV needs at least one column");
        }
        return new Csv(Arrays.asList(columns));
    }

    /** Adds one row; {@code null} becomes an empty cell. */
    public Csv row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public Csv row(List<?> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + columns);
        }
        append(cells);
        return this;
    }

    public <T> Csv rows(Iterable<T> items, java.util.function.Function<T, List<?>> toCells) {
        for (T item : items) {
            row(toCells.apply(item));
        }
        return this;
    }

    private void append(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = Objects.toString(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || text.startsWith(" ") || text.endsWith(" ")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
