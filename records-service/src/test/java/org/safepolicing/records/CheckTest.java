package org.safepolicing.records;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.pendingProcess;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Part 2: checks by name + date of birth or by identifier, only ACTIVE/DISPUTED shown, one accounting row each. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class CheckTest {

    @Inject
    AgroalDataSource dataSource;

    static LocalDate randomDob() {
        return LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15_000));
    }

    @Test
    void aNameCheckToleratesSpellingVariantsAndShowsOnlyFinalRecords() {
        Db db = new Db(dataSource);
        String submitter = randomOri("VA");
        String checker = randomOri("MD");
        LocalDate dob = randomDob();
        String cert = randomCert();
        String active = as(TestTokens.agencyUser(submitter))
                .body(submission(officerJson("VA", cert, "Jonathan", "Smith", dob), "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201).extract().path("id");
        String held = as(TestTokens.agencyUser(submitter))
                .body(submission(officerJson("VA", cert, "Jonathan", "Smith", dob), "CIVIL_JUDGMENT", pendingProcess()))
                .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201).extract().path("id");

        var result = as(TestTokens.agencyUser(checker))
                .body("{\"purpose\":\"HIRING\",\"firstName\":\"Jonathon\",\"lastName\":\"Smyth\",\"dateOfBirth\":\"" + dob + "\"}")
                .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200)
                .body("matches", hasSize(1))
                .body("matches[0].certificationNumber", equalTo(cert))
                .body("matches[0].matchScore", greaterThanOrEqualTo(0.4f))
                .body("matches[0].records.recordId", contains(active))
                .body("matches[0].records[0].status", equalTo("ACTIVE")).extract();
        String checkId = result.path("checkId");
        assertEquals(1, db.count("select count(*) from disclosure where check_id = ?", UUID.fromString(checkId)));
        assertEquals(1, db.count("select count(*) from disclosure where record_id = ? and recipient_ori = ? and purpose = 'HIRING'",
                UUID.fromString(active), checker));
        assertEquals(0, db.count("select count(*) from disclosure where record_id = ?", UUID.fromString(held)));
        assertEquals(1, db.count("select count(*) from audit_entry where action = 'record.disclose' and object_id = ?", active));

        // by identifier: score 1, the same record; another date of birth: no match, nothing disclosed
        as(TestTokens.agencyUser(checker)).body("{\"purpose\":\"PROMOTION\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}")
                .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200)
                .body("matches[0].matchScore", equalTo(1.0f)).body("matches[0].records.recordId", contains(active));
        as(TestTokens.agencyUser(checker))
                .body("{\"purpose\":\"HIRING\",\"firstName\":\"Jonathan\",\"lastName\":\"Smith\",\"dateOfBirth\":\"" + dob.plusDays(1) + "\"}")
                .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200).body("matches", empty());
        as(TestTokens.agencyUser(checker))
                .body("{\"purpose\":\"HIRING\",\"firstName\":\"Maria\",\"lastName\":\"Gonzales\",\"dateOfBirth\":\"" + dob + "\"}")
                .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200).body("matches", empty());
        assertEquals(2, db.count("select count(*) from disclosure where record_id = ?", UUID.fromString(active)));
        // across everything disclosed so far: never two accounting rows for one record in one check
        assertEquals(0, db.count("select count(*) from (select 1 from disclosure group by check_id, record_id having count(*) > 1) d"));
    }

    @Test
    void aCheckThatFailsMidwayLeavesNoAccounting() {
        Db db = new Db(dataSource);
        String submitter = randomOri("VA");
        String checker = randomOri("NC");
        LocalDate dob = randomDob();
        String cert = randomCert();
        for (String category : new String[] {"TERMINATION", "CIVIL_JUDGMENT", "CRIMINAL_CONVICTION"}) {
            as(TestTokens.agencyUser(submitter))
                    .body(submission(officerJson("VA", cert, "Paula", "Quinn", dob), category, finalProcess()))
                    .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201);
        }
        // the database refuses the second disclosure row of this checker's check: the first must not survive
        Db.owner().execute("""
                create or replace function fail_second_disclosure() returns trigger language plpgsql as $$
                begin
                  if new.recipient_ori = '%s' and exists (select 1 from disclosure where check_id = new.check_id) then
                    raise exception 'disk full (simulated)';
                  end if;
                  return new;
                end $$""".formatted(checker));
        Db.owner().execute("create trigger fail_second_disclosure before insert on disclosure for each row execute function fail_second_disclosure()");
        try {
            as(TestTokens.agencyUser(checker)).body("{\"purpose\":\"INVESTIGATION\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}")
                    .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(500)
                    .contentType("application/problem+json");
        } finally {
            Db.owner().execute("drop trigger fail_second_disclosure on disclosure");
        }
        assertEquals(0, db.count("select count(*) from disclosure where recipient_ori = ?", checker));
        assertEquals(0, db.count("select count(*) from background_check where ori = ?", checker));
        assertEquals(0, db.count("select count(*) from audit_entry where action = 'check.run' and actor_agency = ?", checker));
        // the same check now succeeds with exactly one row per record
        String checkId = as(TestTokens.agencyUser(checker)).body("{\"purpose\":\"INVESTIGATION\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}")
                .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200)
                .body("matches[0].records", hasSize(3)).extract().path("checkId");
        assertEquals(3, db.count("select count(*) from disclosure where check_id = ?", UUID.fromString(checkId)));
    }

    @Test
    void refusals() {
        String ori = randomOri("VA");
        as(TestTokens.agencyUser(ori)).body("{\"firstName\":\"A\",\"lastName\":\"B\",\"dateOfBirth\":\"1980-01-01\"}")
                .post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(400).contentType("application/problem+json");
        as(TestTokens.agencyUser(ori)).body("{\"purpose\":\"CURIOSITY\",\"state\":\"VA\",\"certificationNumber\":\"X\"}")
                .post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(400);
        as(TestTokens.agencyUser(ori)).body("{\"purpose\":\"HIRING\",\"lastName\":\"B\",\"dateOfBirth\":\"1980-01-01\"}")
                .post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(400)
                .body("type", equalTo("urn:safe-policing:problem:bad-request"));
        as(TestTokens.agencyUser(ori)).body("{\"purpose\":\"HIRING\",\"firstName\":\"A\",\"lastName\":\"B\",\"dateOfBirth\":\"1980-01-01\",\"state\":\"VA\",\"certificationNumber\":\"X\"}")
                .post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(400);
        String body = "{\"purpose\":\"HIRING\",\"state\":\"VA\",\"certificationNumber\":\"X\"}";
        as(TestTokens.agencyUser(randomOri("MD"))).body(body).post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(403);
        as(TestTokens.dojAdmin()).body(body).post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(403);
        as(RecordsApi.officerToken(UUID.randomUUID().toString())).body(body).post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(401);
    }
}
