package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;

import org.safepolicing.testing.TestTokens;

/** Reads eligibility through the public API, as a grant officer. */
final class EligibilityApi {

    private EligibilityApi() {
    }

    static JsonPath eligibility(String ori) {
        return given().auth().oauth2(TestTokens.as("grant-officer").sign())
                .when().get("/api/v1/agencies/{ori}/eligibility", ori)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** A fresh ORI that grants has heard of (a registry entry, a local agency), once its answer can be read. */
    static String knownAgency() {
        String ori = Upstream.randomOri();
        Upstream.agency(ori, org.safepolicing.contracts.events.AgencyType.LOCAL_MUNICIPAL, java.time.Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.as("grant-officer").sign())
                .when().get("/api/v1/agencies/{ori}/eligibility", ori).statusCode() == 200);
        return ori;
    }

    /** The general answer at a past moment ({@code at}: an instant or a date). */
    static JsonPath eligibilityAt(String ori, String at) {
        return given().auth().oauth2(TestTokens.as("grant-officer").sign()).queryParam("at", at)
                .when().get("/api/v1/agencies/{ori}/eligibility", ori)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /**
     * Waits (at most 30 s) until the agency's answer matches, and returns it. Until grants has consumed the first event
     * about the agency the answer is 404 {@code unknown-agency}: waited out like a non-matching answer.
     */
    static JsonPath awaitEligibility(String ori, Predicate<JsonPath> match) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().auth().oauth2(TestTokens.as("grant-officer").sign())
                    .when().get("/api/v1/agencies/{ori}/eligibility", ori);
            if (response.statusCode() == 404
                    && "urn:safe-policing:problem:unknown-agency".equals(response.jsonPath().getString("type"))) {
                return null;
            }
            return response.then().statusCode(200).extract().jsonPath();
        }, answer -> answer != null && match.test(answer));
    }

    static boolean decidedBy(JsonPath answer, String outcome, String eventId) {
        return outcome.equals(answer.getString("rules[0].outcome"))
                && eventId.equals(answer.getString("rules[0].decidedBy.eventId"));
    }
}
