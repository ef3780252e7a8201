package org.safepolicing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names that exist, and the names a PromQL expression refers to, so that an alert or a dashboard panel on a
 * metric nobody exposes fails the check instead of staying silent forever.
 */
final class MetricNames {

    /** Prometheus' own series for every scrape target. */
    static final Set<String> PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    /** Quarkus' Micrometer HTTP server binder (every service; labels method, uri, status, outcome). */
    static final Set<String> QUARKUS_HTTP = Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_requests_seconds_max", "http_server_requests_seconds_bucket", "http_server_active_requests");

    /** Strimzi's Kafka Exporter (danielqsj/kafka_exporter): consumer lag and topic offsets. */
    static final Set<String> KAFKA_EXPORTER = Set.of("kafka_brokers", "kafka_topic_partitions",
            "kafka_topic_partition_current_offset", "kafka_topic_partition_oldest_offset",
            "kafka_topic_partition_in_sync_replica", "kafka_topic_partition_under_replicated_partition",
            "kafka_consumergroup_current_offset", "kafka_consumergroup_lag", "kafka_consumergroup_members");

    private static final Pattern METER = Pattern.compile(
            "(Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\\s*\"([a-zA-Z0-9_.]+)\"|"
                    + "\\.(counter|gauge|timer|summary)\\(\\s*\"([a-zA-Z0-9_.]+)\"");

    private MetricNames() {
    }

    /**
     * The Prometheus names of the Micrometer meters registered in the platform's and the services' main sources: a
     * counter {@code a.b} is {@code a_b_total}, a gauge {@code a_b}, a timer {@code a_b_seconds_count|sum|max|bucket}.
     */
    static Set<String> meters(Path root) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> m.getFileName().toString().equals("platform")
                    || m.getFileName().toString().endsWith("-service")).toList()) {
                Path src = module.resolve("src/main/java");
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = METER.matcher(Files.readString(f));
                        while (m.find()) {
                            String type = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase();
                            String name = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
                            names.addAll(prometheusNames(type, name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static Set<String> prometheusNames(String type, String name) {
        return switch (type) {
            case "counter" -> Set.of(name.endsWith("_total") ? name : name + "_total");
            case "timer" -> Set.of(name + "_seconds_count", name + "_seconds_sum", name + "_seconds_max", name + "_seconds_bucket");
            case "distributionsummary", "summary" -> Set.of(name + "_count", name + "_sum", name + "_max", name + "_bucket");
            default -> Set.of(name);
        };
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

    /** The metric names a PromQL expression selects (functions, aggregations, labels and keywords left out). */
    static Set<String> referencedBy(String expr) {
        String s = STRING.matcher(expr).replaceAll(" ");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            int before = m.start() - 1;
            if (before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.')) {
                continue; // the exponent or unit of a number (1e3, 0.5)
            }
            String rest = s.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(m.group())) {
                continue; // a function or aggregation, or a keyword
            }
            names.add(m.group());
        }
        return names;
    }
}
