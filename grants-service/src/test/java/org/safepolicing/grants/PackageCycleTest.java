package org.safepolicing.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * grants' packages depend on each other one way only: the import lines of src/main/java make a package graph without
 * a cycle. A cycle fails the build and is printed with the import lines that make it.
 */
class PackageCycleTest {

    private static final String ROOT = "org.safepolicing.grants";
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);

    @Test
    void grantsPackagesImportEachOtherWithoutACycle() throws IOException {
        Map<String, Map<String, List<String>>> graph = packageGraph(SOURCES);
        assertTrue(graph.size() > 1 && graph.values().stream().anyMatch(edges -> !edges.isEmpty()),
                "no grants packages importing each other were read from " + SOURCES.toAbsolutePath());
        Optional<List<String>> cycle = cycle(graph);
        if (cycle.isPresent()) {
            fail("grants' packages import each other in a cycle: " + describe(cycle.get(), graph));
        }
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Map<String, List<String>>> graph = new TreeMap<>();
        graph.put("a", Map.of("b", List.of("a/A.java: import b.B;")));
        graph.put("b", Map.of("c", List.of("b/B.java: import c.C;")));
        graph.put("c", Map.of("a", List.of("c/C.java: import a.A;")));
        graph.put("d", Map.of("a", List.of("d/D.java: import a.A;")));
        assertEquals(List.of("a", "b", "c", "a"), cycle(graph).orElseThrow());
        graph.put("c", Map.of());
        assertTrue(cycle(graph).isEmpty());
    }

    /** Package → imported grants package → the import lines (file: line) that make the edge. */
    private static Map<String, Map<String, List<String>>> packageGraph(Path sources) throws IOException {
        Map<Path, String> packages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher declared = PACKAGE.matcher(Files.readString(file));
                if (declared.find() && declared.group(1).startsWith(ROOT)) {
                    packages.put(file, declared.group(1));
                }
            }
        }
        // an import names a type (or a member of one) in the longest known package it starts with
        List<String> known = packages.values().stream().distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        Map<String, Map<String, List<String>>> graph = new TreeMap<>();
        for (Map.Entry<Path, String> source : packages.entrySet()) {
            String from = source.getValue();
            Map<String, List<String>> edges = graph.computeIfAbsent(from, p -> new TreeMap<>());
            Matcher imported = IMPORT.matcher(Files.readString(source.getKey()));
            while (imported.find()) {
                String name = imported.group(1);
                known.stream().filter(p -> name.equals(p) || name.startsWith(p + ".")).findFirst()
                        .filter(to -> !to.equals(from))
                        .ifPresent(to -> edges.computeIfAbsent(to, p -> new ArrayList<>())
                                .add(sources.relativize(source.getKey()) + ": " + imported.group().strip()));
            }
        }
        return graph;
    }

    /** A cycle of the graph as its packages, the first one repeated at the end; empty when there is none. */
    private static Optional<List<String>> cycle(Map<String, ? extends Map<String, ?>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            Optional<List<String>> found = cycleFrom(start, graph, new ArrayList<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> cycleFrom(String node, Map<String, ? extends Map<String, ?>> graph,
                                                    List<String> path, Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        Map<String, ?> edges = graph.get(node);
        for (String next : edges == null ? Set.<String>of() : new TreeSet<>(edges.keySet())) {
            Optional<List<String>> found = cycleFrom(next, graph, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return Optional.empty();
    }

    private static String describe(List<String> cycle, Map<String, Map<String, List<String>>> graph) {
        StringBuilder text = new StringBuilder(String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            text.append("\n  ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1)).append(':');
            graph.get(cycle.get(i)).get(cycle.get(i + 1)).forEach(line -> text.append("\n    ").append(line));
        }
        return text.toString();
    }
}
