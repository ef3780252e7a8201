package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.safepolicing.testing.TestTokens;

/** Calls of the credentialing API that many tests make, with real signed tokens. */
final class CredentialingApi {

    static String randomOri(String state) {
        return state + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static void registerAgency(String ori, String type) {
        as(TestTokens.dojAdmin())
                .body("""
                        {"ori":"%s","name":"Agency %s","type":"%s","state":"%s","county":"Test County",
                         "swornOfficers":120,"populationServed":95000,"urbanRural":"URBAN"}""".formatted(ori, ori, type, ori.substring(0, 2)))
                .post("/api/v1/agencies").then().statusCode(201);
    }

    static String certifiedBody() {
        String id = as(TestTokens.dojAdmin())
                .body("{\"name\":\"Test Body\",\"coveredStandards\":[\"UOF_LAWFUL\",\"CHOKEHOLD_BAN\",\"DUTY_TO_INTERVENE\"]}")
                .post("/api/v1/bodies").then().statusCode(201).extract().path("id");
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", id)
                .then().statusCode(200);
        return id;
    }

    static String seek(String ori, String bodyId) {
        return as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + bodyId + "\"}")
                .post("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(201).extract().path("id");
    }

    private CredentialingApi() {
    }
}
