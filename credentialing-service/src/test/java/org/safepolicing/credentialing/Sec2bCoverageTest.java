package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.Sec2bCoverage;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Who Sec. 2(b) covers (event-contracts' Sec2bCoverage): a federal agency does not seek; tribal and territorial may. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class Sec2bCoverageTest {

    @Test
    void aFederalAgencyIsRefusedWithTheReasonAndNothingIsStored() {
        String ori = randomOri("DC");
        registerAgency(ori, "FEDERAL");
        String bodyId = certifiedBody();
        as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + bodyId + "\"}")
                .post("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:agency-not-covered-by-sec-2b"))
                .body("detail", equalTo(Sec2bCoverage.of(AgencyType.FEDERAL).reason()))
                .body("detail", containsString("Sec. 2(b)"))
                .body("agencyType", equalTo("FEDERAL")).body("coverage", equalTo("FEDERAL"));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(200).body("$", empty());
    }

    @Test
    void tribalAndTerritorialAgenciesMaySeekVoluntarily() {
        String bodyId = certifiedBody();
        for (String type : new String[] {"TRIBAL", "TERRITORIAL"}) {
            String ori = randomOri("AZ");
            registerAgency(ori, type);
            String id = credentialed(ori, bodyId);
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, id).then().statusCode(200)
                    .body("status", equalTo("CREDENTIALED"));
        }
    }
}
