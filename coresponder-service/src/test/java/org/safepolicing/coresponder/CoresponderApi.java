package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.safepolicing.testing.TestTokens;

/** Calls of the coresponder API that many tests make, with real signed tokens. */
public final class CoresponderApi {

    public static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    public static final String PROGRAM = """
            {"partnerOrganization":"Community Services Board","model":"%s",
             "clinicians":[{"type":"SOCIAL_WORKER","weeklyHours":40},{"type":"MENTAL_HEALTH_PROFESSIONAL","weeklyHours":20}],
             "coverageHoursPerWeek":60,"coverageArea":"Citywide"}""";

    public static String randomOri(String state) {
        return state + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static String hhs() {
        return TestTokens.as("hhs-analyst").sign();
    }

    /** Creates a PLANNED program for {@code ori}; returns its id. */
    public static String program(String ori, String model) {
        return as(TestTokens.agencyUser(ori)).body(PROGRAM.formatted(model))
                .post("/api/v1/agencies/{ori}/programs", ori).then().statusCode(201).extract().path("id");
    }

    /** Creates a program and makes it ACTIVE; returns its id. */
    public static String activeProgram(String ori, String model) {
        String id = program(ori, model);
        status(ori, id, "ACTIVE").then().statusCode(200);
        return id;
    }

    public static io.restassured.response.Response status(String ori, String programId, String status) {
        return as(TestTokens.agencyUser(ori)).body("{\"status\":\"" + status + "\"}")
                .post("/api/v1/agencies/{ori}/programs/{id}/status", ori, programId);
    }

    public static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return new ObjectMapper().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + record.value(), e);
        }
    }

    private CoresponderApi() {
    }
}
