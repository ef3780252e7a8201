package org.safepolicing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The platform's rule for native SQL (platform README, persistence): {@code em.createNativeQuery(sql)} without a result
 * class. With one ({@code String.class}, {@code UUID.class}, {@code Object[].class}) every call missed Hibernate 7.2's
 * query plan cache and added another entry under the same hash code, until comparing them took 60 % of
 * records-service's CPU. This scans Java sources for calls that pass a second argument ending in {@code .class}
 * (string literals and text blocks are skipped, so SQL holding commas or parentheses does not confuse it).
 */
public final class NativeQueryRule {

    private static final String CALL = "createNativeQuery(";

    private NativeQueryRule() {
    }

    /** Each {@code file:line} under {@code sourceRoot} whose native query names a result class. */
    public static List<String> violations(Path sourceRoot) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file);
                for (int line : violatingLines(source)) {
                    found.add(sourceRoot.relativize(file) + ":" + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The lines of {@code source} where a {@code createNativeQuery} call passes a {@code .class} argument. */
    static List<Integer> violatingLines(String source) {
        List<Integer> lines = new ArrayList<>();
        for (int at = source.indexOf(CALL); at >= 0; at = source.indexOf(CALL, at + 1)) {
            List<String> args = arguments(source, at + CALL.length());
            if (args.size() > 1 && args.get(1).strip().endsWith(".class")) {
                lines.add((int) source.substring(0, at).chars().filter(c -> c == '\n').count() + 1);
            }
        }
        return lines;
    }

    /** The top-level arguments of the call whose argument list starts at {@code from} (just after its parenthesis). */
    private static List<String> arguments(String s, int from) {
        List<String> args = new ArrayList<>();
        int depth = 1;
        int start = from;
        int i = from;
        while (i < s.length()) {
            if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                continue;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    args.add(s.substring(start, i));
                    return args;
                }
            } else if (c == ',' && depth == 1) {
                args.add(s.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        return args;
    }
}
