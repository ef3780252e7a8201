package org.safepolicing.records;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/** Calls of the records API that many tests make, with real signed tokens. */
public final class RecordsApi {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());

    private RecordsApi() {
    }

    public static String randomOri(String state) {
        return state + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    public static String randomCert() {
        return "C" + UUID.randomUUID().toString().substring(0, 12).toUpperCase();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static String officerToken(String officerId) {
        return TestTokens.as("officer").claim("officer_id", officerId).sign();
    }

    public static String officerJson(String state, String cert, String first, String last, LocalDate dob) {
        return """
                {"state":"%s","certificationNumber":"%s","firstName":"%s","lastName":"%s","dateOfBirth":"%s",
                 "employment":{"position":"Patrol officer","startDate":"2015-03-01","endDate":"2024-06-30"}}"""
                .formatted(state, cert, first, last, dob);
    }

    public static String finalProcess() {
        return """
                {"noticeDate":"2024-01-10","responseDate":"2024-02-01","hearingHeld":true,
                 "finalAdjudicationDate":"2024-03-15","adjudication":"Sustained","appealStatus":"EXHAUSTED"}""";
    }

    public static String pendingProcess() {
        return """
                {"noticeDate":"2024-01-10","responseDate":"2024-02-01","hearingHeld":true,
                 "finalAdjudicationDate":"2024-03-15","adjudication":"Sustained","appealStatus":"PENDING"}""";
    }

    /** A submission that states its category's Sec. 3(b) qualifier (none for terminations and de-certifications). */
    public static String submission(String officerJson, String category, String fairProcess) {
        return """
                {"officer":%s,"category":"%s","incidentDate":"2023-11-02","summary":"Excessive force during an arrest",
                 %s"fairProcess":%s}""".formatted(officerJson, category, qualifier(category), fairProcess);
    }

    /** The Sec. 3(b) qualifier field of a category, as JSON with a trailing comma, or "". */
    public static String qualifier(String category) {
        return switch (category) {
            case "CRIMINAL_CONVICTION" -> "\"onDutyConduct\":true,";
            case "CIVIL_JUDGMENT" -> "\"improperUseOfForce\":true,";
            case "RESIGNED_UNDER_INVESTIGATION", "RETIRED_UNDER_INVESTIGATION" -> "\"useOfForceInvestigation\":true,";
            default -> "";
        };
    }

    /** Submits one record for a new officer; returns {recordId, officerId}. */
    public static String[] submitRecord(String ori, String first, String last, LocalDate dob, String fairProcess) {
        var response = as(TestTokens.agencyUser(ori))
                .body(submission(officerJson(ori.substring(0, 2), randomCert(), first, last, dob), "TERMINATION", fairProcess))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201).extract();
        return new String[] {response.path("id"), response.path("officerId")};
    }

    /**
     * Registers an agency and waits until records-service knows it (its reporting standing answers 200, not the
     * 404 of an ORI it never heard of).
     */
    public static void registerAndAwait(String ori) {
        registerAgency(ori, AgencyType.LOCAL_MUNICIPAL);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/reporting", ori).statusCode() == 200);
    }

    /** The next ce_sequence of a registry snapshot (increasing across everything a test JVM sends). */
    public static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /** Publishes an agency on agency-registry.v1 as credentialing-service would (a raw CloudEvent); returns its ce_id. */
    public static String registerAgency(String ori, AgencyType type) {
        return registerAgency(ori, type, 40);
    }

    /** Publishes an agency with {@code swornOfficers} sworn officers on agency-registry.v1; returns its ce_id. */
    public static String registerAgency(String ori, AgencyType type, int swornOfficers) {
        Instant now = Instant.now();
        String eventId = UUID.randomUUID().toString();
        AgencySnapshot snapshot = new AgencySnapshot(ori, "Agency " + ori, type, ori.substring(0, 2), "Test County", swornOfficers,
                25_000L, "URBAN", true, 1, now);
        try {
            TopicProbe.send(Topics.AGENCY_REGISTRY, ori, JSON.writeValueAsString(snapshot),
                    "ce_specversion", "1.0", "ce_id", eventId, "ce_source", "/credentialing-service",
                    "ce_type", EventTypes.AGENCY_REGISTERED, "ce_time", now.toString(),
                    "ce_sequence", Long.toString(SEQUENCE.incrementAndGet()), "content-type", "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }
}
