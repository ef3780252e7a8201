package org.safepolicing.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The JSON that {@code bin/suite demo} and {@code bin/suite token} read (a fresh machine may have neither jq nor
 * python3, but bin/suite always has a JDK). Reads one document on stdin:
 *
 * <pre>
 * Launcher json get PATH   the value at PATH (a.b[0].c, or a[key=value].c for the array element whose key is value):
 *                          a string raw, anything else as compact JSON; exit 1 when there is no such value (or null)
 * Launcher json pretty     the document indented by two spaces
 * Launcher json jwt        a JWT's payload, indented
 * </pre>
 *
 * <p>Exit status 2 for a bad command line, 3 when the input is not JSON (or not a JWT). Plain JDK: it runs on
 * {@code local-stack/target/classes} alone.
 */
public final class SuiteJson {

    static final String USAGE = "usage: Launcher json get PATH | pretty | jwt";

    /** Runs one command on {@code in}; returns the exit status. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        String command = args.isEmpty() ? "pretty" : args.get(0);
        try {
            switch (command) {
                case "jwt" -> {
                    String[] parts = text.split("\\.");
                    if (parts.length < 2) {
                        throw new IllegalStateException("a JWT has three parts separated by '.'");
                    }
                    String payload;
                    try {
                        payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("the JWT's payload is not base64url: " + e.getMessage());
                    }
                    out.println(write(parse(payload), ""));
                }
                case "pretty" -> out.println(write(parse(text), ""));
                case "get" -> {
                    if (args.size() != 2) {
                        err.println(USAGE);
                        return 2;
                    }
                    Object value = select(parse(text), args.get(1));
                    if (value == null) {
                        return 1;
                    }
                    out.println(value instanceof String s ? s : write(value, null));
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        } catch (RuntimeException e) {
            err.println("not JSON: " + e.getMessage());
            return 3;
        }
        return 0;
    }

    /** The whole document as maps (in order), lists, strings, BigDecimals, Booleans and nulls. */
    static Object parse(String text) {
        return new SuiteJson(text).value(); // what follows the first value is not read
    }

    /** The value at {@code path}, or null when there is none. */
    static Object select(Object document, String path) {
        Object value = document;
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket >= 0 ? segment.substring(0, bracket) : segment;
            if (!name.isEmpty()) {
                value = value instanceof Map<?, ?> map ? map.get(name) : null;
            }
            while (value != null && bracket >= 0) {
                int end = segment.indexOf(']', bracket);
                if (end < 0) {
                    throw new IllegalArgumentException("no ']' after '[' in " + path);
                }
                String selector = segment.substring(bracket + 1, end);
                if (!(value instanceof List<?> list)) {
                    return null;
                }
                int equals = selector.indexOf('=');
                if (equals >= 0) {
                    String key = selector.substring(0, equals);
                    String wanted = selector.substring(equals + 1);
                    value = list.stream()
                            .filter(e -> e instanceof Map<?, ?> m && wanted.equals(String.valueOf(m.get(key))))
                            .findFirst().orElse(null);
                } else {
                    int index = Integer.parseInt(selector);
                    value = index >= 0 && index < list.size() ? list.get(index) : null;
                }
                bracket = segment.indexOf('[', end);
            }
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    /** JSON text: compact when {@code indent} is null, else indented by two spaces per level after {@code indent}. */
    static String write(Object value, String indent) {
        String newline = indent == null ? "" : "\n";
        String inner = indent == null ? "" : indent + "  ";
        String space = indent == null ? "" : " ";
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            StringJoiner joiner = new StringJoiner("," + newline, "{" + newline, newline + (indent == null ? "" : indent) + "}");
            map.forEach((k, v) -> joiner.add(inner + quote(k.toString()) + ":" + space + write(v, indent == null ? null : inner)));
            return joiner.toString();
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            StringJoiner joiner = new StringJoiner("," + newline, "[" + newline, newline + (indent == null ? "" : indent) + "]");
            list.forEach(v -> joiner.add(inner + write(v, indent == null ? null : inner)));
            return joiner.toString();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private final String text;
    private int at;

    private SuiteJson(String text) {
        this.text = text;
    }

    private Object value() {
        whitespace();
        if (at >= text.length()) {
            throw new IllegalStateException("unexpected end");
        }
        switch (text.charAt(at)) {
            case '{' -> {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                whitespace();
                if (peek() == '}') {
                    at++;
                    return map;
                }
                while (true) {
                    whitespace();
                    String key = string();
                    expect(':');
                    map.put(key, value());
                    whitespace();
                    if (peek() == ',') {
                        at++;
                        continue;
                    }
                    expect('}');
                    return map;
                }
            }
            case '[' -> {
                List<Object> list = new ArrayList<>();
                at++;
                whitespace();
                if (peek() == ']') {
                    at++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    whitespace();
                    if (peek() == ',') {
                        at++;
                        continue;
                    }
                    expect(']');
                    return list;
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                int start = at;
                while (at < text.length() && "{}[],: \t\r\n".indexOf(text.charAt(at)) < 0) {
                    at++;
                }
                String token = text.substring(start, at);
                return switch (token) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> null;
                    default -> {
                        if (!token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                            throw new IllegalStateException("bad token '" + token + "' at " + start);
                        }
                        yield new BigDecimal(token);
                    }
                };
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (peek() != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                char escaped = peek();
                at++;
                switch (escaped) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalStateException("unexpected end in a \\u escape");
                        }
                        b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> b.append(escaped);
                }
            } else {
                b.append(c);
            }
        }
        at++;
        return b.toString();
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalStateException("unexpected end");
        }
        return text.charAt(at);
    }

    private void expect(char c) {
        whitespace();
        if (at >= text.length() || text.charAt(at) != c) {
            throw new IllegalStateException("expected '" + c + "' at " + at);
        }
        at++;
    }

    private void whitespace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
