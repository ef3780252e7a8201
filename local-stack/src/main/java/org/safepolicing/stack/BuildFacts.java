package org.safepolicing.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

/**
 * What the build knows and bin/suite must not copy: the servers' versions (the root pom's {@code kafka.broker.version}
 * and {@code keycloak.version}, filtered into {@code safe-policing-stack-versions.properties}) and the topics
 * (event-contracts' {@link Topics#ALL}).
 *
 * <pre>
 * Launcher versions                    kafka=4.3.1 and keycloak=26.7.3, one a line
 * Launcher topics [--partner-readable] every topic's name, one a line, in the catalog's order
 * </pre>
 */
final class BuildFacts {

    static final List<String> SERVERS = List.of("kafka", "keycloak");

    static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String server : SERVERS) {
            versions.put(server, ContainerServers.buildVersion(server));
        }
        return versions;
    }

    static List<String> topics(boolean partnerReadableOnly) {
        return Topics.ALL.stream()
                .filter(t -> !partnerReadableOnly || t.partnerReadable())
                .map(TopicSpec::name)
                .toList();
    }

    /** Prints {@code versions} or {@code topics}; returns the exit status (2 for a bad command line). */
    static int print(List<String> args, java.io.PrintStream out, java.io.PrintStream err) {
        String usage = "usage: Launcher versions | Launcher topics [--partner-readable]";
        String command = args.isEmpty() ? "" : args.get(0);
        Args options;
        try {
            options = switch (command) {
                case "versions" -> Args.parse(args.subList(1, args.size()), Args.spec());
                case "topics" -> Args.parse(args.subList(1, args.size()), Args.spec().flags("--partner-readable"));
                default -> throw new IllegalArgumentException("unknown command '" + command + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "; " + usage);
            return 2;
        }
        if (command.equals("versions")) {
            versions().forEach((server, version) -> out.println(server + "=" + version));
        } else {
            topics(options.flag("--partner-readable")).forEach(out::println);
        }
        return 0;
    }

    private BuildFacts() {
    }
}
