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
    /** Index of the "hhs-analyst" cell: community providers' rows in which HHS expects 404 are the swapped ones. */
    private static final int HHS_ANALYST = 2 + AuthorizationMatrix.CALLERS.indexOf("hhs-analyst");
    private static final String COMMUNITY = "/community-providers";

    private final ThreadLocal<Boolean> swapped = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<Boolean> community = ThreadLocal.withInitial(() -> false);

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
        List<String> text = List.of(read().split("\n"));
        String provider = CommunityProviderTest.provider("Matrix County Health " + UUID.randomUUID(), "NE");
        String providerProgram = CommunityProviderTest.activeCommunityProgram(provider, "MOBILE_CRISIS_TEAM");
        String providerEncounterProgram = CommunityProviderTest.activeCommunityProgram(provider, "COMMUNITY_RESPONDER");
        String otherProvider = CommunityProviderTest.provider("Matrix Nonprofit " + UUID.randomUUID(), "NE");
        String otherProviderProgram = CommunityProviderTest.activeCommunityProgram(otherProvider, "MOBILE_CRISIS_TEAM");

        AuthorizationMatrix matrix = AuthorizationMatrix.load(TABLE)
                .with("ori", ori)
                .with("otherOri", otherOri)
                .with("state", state)
                .with("year", "2025")
                .with("id", () -> community.get() ? (swapped.get() ? otherProviderProgram : providerProgram)
                        : swapped.get() ? otherProgram : program)
                .with("programId", () -> community.get() ? (swapped.get() ? otherProviderProgram : providerEncounterProgram)
                        : swapped.get() ? otherProgram : encounterProgram)
                .with("providerId", provider)
                .with("otherProviderProgram", otherProviderProgram)
                .with("providerName", () -> "Matrix Provider " + UUID.randomUUID())
                .with("otherProgram", otherProgram)
                .with("courseCode", () -> "MATRIX_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase())
                .with("officerRef", () -> "M-" + ThreadLocalRandom.current().nextInt(1_000_000));
        return matrix.rows().map(row -> {
            int line = Integer.parseInt(row.getDisplayName().substring("line ".length(), row.getDisplayName().indexOf(':')));
            boolean swap = swappedLines.contains(line);
            boolean ofProvider = text.get(line - 1).contains(COMMUNITY);
            return DynamicTest.dynamicTest(row.getDisplayName() + (swap ? ofProvider ? " [another provider's program in the path]"
                    : " [another agency's program in the path]" : ""), () -> {
                swapped.set(swap);
                community.set(ofProvider);
                try {
                    row.getExecutable().execute();
                } finally {
                    swapped.set(false);
                    community.set(false);
                }
            });
        });
    }

    /**
     * Line numbers (as the harness counts them) of rows where the agency's own user expects 404, and of community
     * providers' rows where the HHS analyst expects 404.
     */
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
            if (row.contains(COMMUNITY) && cells.length > HHS_ANALYST && cells[HHS_ANALYST].trim().equals("404")) {
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
