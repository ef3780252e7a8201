package org.safepolicing.records;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.randomOri;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Step-up for officer-level data (issue 16 §4), as a deployment that requires a second factor has it: a single-factor
 * token reading an officer's data gets 401 insufficient_user_authentication naming the accepted acr values; a token
 * whose acr or amr shows a second factor is served; other data needs none; a caller without the role still gets 403.
 */
@QuarkusTest
@TestProfile(StepUpTest.SecondFactorRequired.class)
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records_stepup"))
class StepUpTest {

    public static class SecondFactorRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.step-up.accepted-acr", "gold", "platform.step-up.accepted-amr", "otp,hwk",
                    "mp.messaging.incoming.agency-registry.group.id", "records-stepup-test-" + UUID.randomUUID());
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void officerLevelDataNeedsASecondFactor() {
        String officer = UUID.randomUUID().toString();
        String passwordOnly = TestTokens.as("officer").claim("officer_id", officer).claim("acr", "1")
                .claim("amr", List.of("pwd")).sign();
        as(passwordOnly).get("/api/v1/officers/{id}/disclosures", officer).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:insufficient-user-authentication"))
                .header("WWW-Authenticate", containsString("error=\"insufficient_user_authentication\""))
                .header("WWW-Authenticate", containsString("acr_values=\"gold\""));
        as(TestTokens.as("officer").claim("officer_id", officer).claim("acr", "silver").sign())
                .get("/api/v1/officers/{id}/disclosures", officer).then().statusCode(401);
        as(TestTokens.as("officer").claim("officer_id", officer).sign())
                .get("/api/v1/officers/{id}/notices", officer).then().statusCode(401);

        // a second factor, shown by the level of authentication or by the methods used
        as(TestTokens.as("officer").claim("officer_id", officer).claim("acr", "gold").sign())
                .get("/api/v1/officers/{id}/disclosures", officer).then().statusCode(200);
        as(TestTokens.as("officer").claim("officer_id", officer).claim("amr", List.of("pwd", "otp")).sign())
                .get("/api/v1/officers/{id}/disclosures", officer).then().statusCode(200);

        // the role check comes first; data that is not officer-level needs no second factor
        as(TestTokens.agencyUser(randomOri("VA"))).get("/api/v1/officers/{id}/disclosures", officer).then().statusCode(403);
        String ori = randomOri("VA");
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/reporting", ori).then()
                .statusCode(org.hamcrest.Matchers.not(equalTo(401)));

        // and each refusal is in the audit trail with who asked
        assertEquals(3, new Db(dataSource).count("select count(*) from audit_entry where action = 'request.refused'"
                + " and object_id like ?", "GET /api/v1/officers/" + officer + "/% -> 401 insufficient-user-authentication"));
    }
}
