package org.safepolicing.coresponder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safepolicing.testing.AuthorizationMatrix;
import org.safepolicing.testing.SuiteServers;

/**
 * Runs {@code authorization-matrix.md}: every operation of the OpenAPI document, every role, own versus other agency,
 * with real signed tokens. Rows in which the agency's own user expects 404 are the "swapped id" rows: they run with
 * the other agency's program in {@code {id}} and {@code {programId}} (see the table's header).
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class AuthorizationMatrixTest {

    private static final String TABLE = "authorization-matrix.md";
    /** Index of the "agency-user own" cell in a row, after operation and request. */
    private static final int AGENCY_USER_OWN = 2 + AuthorizationMatrix.CALLERS.indexOf("agency-user own");

    private final ThreadLocal<Boolean> swapped = ThreadLocal.withInitial(() -> false);

    @Test
    void everyOperationOfTheApiDocumentHasARow() {
        AuthorizationMatrix.load(TABLE).coversOpenApi();
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsTheAnswerOfTheTable() {
        String state = "NE";
        String ori = randomOri(state);
        String otherOri = randomOri(state);
        String program = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        String encounterProgram = activeProgram(ori, "CO_RESPONDER_RIDE_ALONG");
        String otherProgram = activeProgram(otherOri, "MOBILE_CRISIS_TEAM");
        Set<Integer> swappedLines = swappedLines();
        assertFalse(swappedLines.isEmpty(), "the table has rows with another agency's program in the path");

        AuthorizationMatrix matrix = AuthorizationMatrix.load(TABLE)
                .with("ori", ori)
                .with("otherOri", otherOri)
                .with("state", state)
                .with("year", "2025")
                .with("id", () -> swapped.get() ? otherProgram : program)
                .with("programId", () -> swapped.get() ? otherProgram : encounterProgram)
                .with("otherProgram", otherProgram)
                .with("courseCode", () -> "MATRIX_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase())
                .with("officerRef", () -> "M-" + ThreadLocalRandom.current().nextInt(1_000_000));
        return matrix.rows().map(row -> {
            int line = Integer.parseInt(row.getDisplayName().substring("line ".length(), row.getDisplayName().indexOf(':')));
            boolean swap = swappedLines.contains(line);
            return DynamicTest.dynamicTest(row.getDisplayName() + (swap ? " [another agency's program in the path]" : ""), () -> {
                swapped.set(swap);
                try {
                    row.getExecutable().execute();
                } finally {
                    swapped.set(false);
                }
            });
        });
    }

    /** Line numbers (as the harness counts them) of rows where the agency's own user expects 404. */
    private static Set<Integer> swappedLines() {
        Set<Integer> lines = new HashSet<>();
        List<String> text = List.of(read().split("\n"));
        for (int i = 0; i < text.size(); i++) {
            String row = text.get(i).trim();
            if (!row.startsWith("|") || row.startsWith("|---") || row.startsWith("| operation")) {
                continue;
            }
            String[] cells = row.substring(1).split("\\|");
            if (cells.length > AGENCY_USER_OWN && cells[AGENCY_USER_OWN].trim().equals("404")) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    private static String read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(TABLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
