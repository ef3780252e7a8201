package org.safepolicing.grants;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.safepolicing.testing.AuthorizationMatrix;
import org.safepolicing.testing.SuiteServers;

/**
 * The authorization matrix of {@code authorization-matrix.md}: every operation of the OpenAPI document, every role,
 * own versus another agency, with real signed tokens against the running service.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    @Inject
    AgroalDataSource dataSource;

    private String ori;
    private String otherOri;
    private UUID programId;
    private UUID application;
    private UUID otherApplication;
    private UUID award;
    private UUID otherAward;
    /** An ORI no event names: grants has never heard of it. */
    private static final String UNKNOWN_ORI = "VAX" + String.format("%06d",
            java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
    /** The display name of the row being run: which object its {id} names. */
    private volatile String row = "";

    /** Made on first use: RestAssured points at the application only once a test runs, not in @BeforeAll. */
    private synchronized void fixtures() {
        if (ori != null) {
            return;
        }
        GrantsDatabase db = new GrantsDatabase(dataSource);
        ori = Upstream.randomOri();
        otherOri = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        GrantsApi.eligibleAgency(db, otherOri, Instant.now());
        programId = GrantsApi.program("1000000.00");
        application = GrantsApi.applied(programId, ori, "1000.00");
        otherApplication = GrantsApi.applied(programId, otherOri, "1000.00");
        award = GrantsApi.awarded(application, "500.00");
        otherAward = GrantsApi.awarded(otherApplication, "500.00");
    }

    private AuthorizationMatrix matrix() {
        fixtures();
        return AuthorizationMatrix.load("authorization-matrix.md")
                .with("ori", (Supplier<String>) this::ori)
                .with("otherOri", otherOri)
                .with("opens", GrantsApi.today().minusDays(1).toString())
                .with("closes", GrantsApi.today().plusDays(30).toString())
                .with("programId", (Supplier<String>) this::programId)
                .with("id", (Supplier<String>) this::id);
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasARow() {
        matrix().coversOpenApi();
    }

    @TestFactory
    Stream<DynamicTest> matrixRows() {
        return matrix().rows().map(test -> DynamicTest.dynamicTest(test.getDisplayName(), () -> {
            row = test.getDisplayName();
            test.getExecutable().execute();
        }));
    }

    /** An application needs a program it has not applied to yet: a fresh one for each; otherwise the fixture's. */
    private String programId() {
        if (row.contains("POST /api/v1/grant-programs/{programId}/applications")) {
            return GrantsApi.program("1000000.00").toString();
        }
        return programId.toString();
    }

    /** The fixture's agency; for eligibility rows with {@code ?owner=nobody}, an ORI grants has never heard of. */
    private String ori() {
        return row.contains("/api/v1/agencies/{ori}/") && row.contains("owner=nobody") ? UNKNOWN_ORI : ori;
    }

    private String id() {
        boolean other = row.contains("owner={otherOri}");
        if (row.contains("owner=nobody")) {
            return UUID.randomUUID().toString();
        }
        if (row.contains("PUT /api/v1/grant-programs/{id}")) {
            return GrantsApi.program("1000.00").toString(); // a program of its own for each change
        }
        if (row.contains("/api/v1/grant-programs/{id}")) {
            return programId.toString();
        }
        if (row.contains("/award")) {
            // a fresh application for each award: an application is awarded once
            UUID program = GrantsApi.program("1000000.00");
            return GrantsApi.applied(program, other ? otherOri : ori, "1000.00").toString();
        }
        if (row.contains("/api/v1/grant-applications/{id}")) {
            return (other ? otherApplication : application).toString();
        }
        if (row.contains("/api/v1/grant-awards/{id}")) {
            return (other ? otherAward : award).toString();
        }
        throw new AssertionError("no {id} for " + row);
    }
}
