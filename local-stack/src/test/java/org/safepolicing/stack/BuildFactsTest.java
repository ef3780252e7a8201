package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code Launcher versions} and {@code topics}: bin/suite's only source of the versions and the topic list. */
class BuildFactsTest {

    private static String rootPomProperty(String name) throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml").toAbsolutePath().normalize());
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertTrue(m.find(), name + " in the root pom");
        return m.group(1).strip();
    }

    private static String print(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = BuildFacts.print(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return status + ":" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionsAreTheRootPomsAsTheBuildFilteredThem() throws IOException {
        assertEquals("0:kafka=" + rootPomProperty("kafka.broker.version") + "\nkeycloak="
                + rootPomProperty("keycloak.version") + "\n", print("versions"));
    }

    @Test
    void topicsAreTheContractsCatalog() {
        String all = print("topics");
        assertEquals(0 + ":" + String.join("\n", org.safepolicing.contracts.Topics.ALL.stream()
                .map(org.safepolicing.contracts.TopicSpec::name).toList()) + "\n", all);
        assertTrue(all.contains("grants-service.dead-letter.v1\n"), all);
        assertEquals("0:agency-registry.v1\ncredentialing.events.v1\nrecords.reporting.v1\nrecords.public-releases.v1\n"
                + "coresponder.events.v1\ngrants.eligibility.v1\n", print("topics", "--partner-readable"));
    }

    @Test
    void otherArgumentsAreRefused() {
        assertEquals("2:", print("topics", "--all"));
        assertEquals("2:", print("versions", "kafka"));
    }
}
