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

    /** The general answer at a past moment ({@code at}: an instant or a date). */
    static JsonPath eligibilityAt(String ori, String at) {
        return given().auth().oauth2(TestTokens.as("grant-officer").sign()).queryParam("at", at)
                .when().get("/api/v1/agencies/{ori}/eligibility", ori)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits (at most 30 s) until the agency's answer matches, and returns it. */
    static JsonPath awaitEligibility(String ori, Predicate<JsonPath> match) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> eligibility(ori), match);
    }

    static boolean decidedBy(JsonPath answer, String outcome, String eventId) {
        return outcome.equals(answer.getString("rules[0].outcome"))
                && eventId.equals(answer.getString("rules[0].decidedBy.eventId"));
    }
}
