package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.safepolicing.credentialing.CredentialingApi.SEC_2C_TOPICS;
import static org.safepolicing.credentialing.CredentialingApi.as;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** EO 13929 Sec. 2(c): DOJ certifies a body against an application that addresses the order's topics and confirms 2(c)(i)-(ii). */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class BodyApplicationTest {

    @Test
    void anApplicationWithoutTheTopicsOrTheConfirmationIsRecordedButNotCertified() {
        String bare = as(TestTokens.dojAdmin()).body(Map.of("name", "Bare Body", "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN")))
                .post("/api/v1/bodies").then().statusCode(201)
                .body("applicationMissing", contains("addresses.useOfForcePoliciesAndTraining", "addresses.deEscalationPoliciesAndTraining",
                        "addresses.earlyWarningSystems", "addresses.communityEngagement", "confirmsMandatoryStandards"))
                .extract().path("id");
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", bare).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:application-incomplete"))
                .body("missing", contains("addresses.useOfForcePoliciesAndTraining", "addresses.deEscalationPoliciesAndTraining",
                        "addresses.earlyWarningSystems", "addresses.communityEngagement", "confirmsMandatoryStandards"));
        as(TestTokens.dojAdmin()).get("/api/v1/bodies/{id}", bare).then().statusCode(200)
                .body("status", equalTo("APPLIED")).body("termEnd", nullValue());

        // every topic but one, and the confirmation false
        Map<String, String> topics = new HashMap<>(SEC_2C_TOPICS);
        topics.put("earlyWarningSystems", "  ");
        String partial = as(TestTokens.dojAdmin()).body(Map.of("name", "Partial Body", "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"),
                        "addresses", topics, "confirmsMandatoryStandards", false))
                .post("/api/v1/bodies").then().statusCode(201).extract().path("id");
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", partial).then().statusCode(422)
                .body("missing", contains("addresses.earlyWarningSystems", "confirmsMandatoryStandards"));
    }

    @Test
    void aCompleteApplicationIsShownOnTheBodysRecordAndCertified() {
        String id = as(TestTokens.dojAdmin()).body(Map.of("name", "Complete Body", "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"),
                        "addresses", SEC_2C_TOPICS, "confirmsMandatoryStandards", true))
                .post("/api/v1/bodies").then().statusCode(201).body("applicationMissing", empty()).extract().path("id");
        as(TestTokens.agencyUser("VA0290100")).get("/api/v1/bodies/{id}", id).then().statusCode(200)
                .body("addresses.earlyWarningSystems", equalTo(SEC_2C_TOPICS.get("earlyWarningSystems")))
                .body("addresses.communityEngagement", equalTo(SEC_2C_TOPICS.get("communityEngagement")))
                .body("confirmsMandatoryStandards", equalTo(true));
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", id).then().statusCode(200)
                .body("status", equalTo("CERTIFIED"));
        // malformed: a statement that is not text
        as(TestTokens.dojAdmin()).body("{\"name\":\"X\",\"coveredStandards\":[\"UOF_LAWFUL\",\"CHOKEHOLD_BAN\"],\"addresses\":{\"earlyWarningSystems\":[1]}}")
                .post("/api/v1/bodies").then().statusCode(400).contentType("application/problem+json");
    }
}
