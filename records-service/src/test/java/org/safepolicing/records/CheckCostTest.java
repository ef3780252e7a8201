package org.safepolicing.records;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.records.check.CheckService;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * What a check costs, proved by plans and write order rather than by a clock (issue 14): every read of the check uses
 * an index (no sequential scan of officers or records), and the audit rows, which take the platform's audit-chain lock
 * until commit, are the check's last writes, so concurrent checks wait for each other only for those rows.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class CheckCostTest {

    private static final String[] WATCHED = {"background_check", "check_subject", "disclosure", "officer_notice",
            "audit_entry"};

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyReadOfACheckUsesAnIndex() {
        Db db = new Db(dataSource);
        // enough officers (100,000, about 7 per birth date) and records that a sequential scan would be the planner's loss
        db.execute("""
                insert into officer (id, first_name, last_name, date_of_birth, state, certification_number, name_normalized,
                                     last_name_key, created_by_ori, created_at)
                select md5('plan-officer-' || i)::uuid, 'Plan', 'Officer' || i, date '1960-01-01' + (i * 7919 % 14600)::int,
                       'WY', 'PLAN-' || i, 'plan officer' || i, 'O000', 'WY0000000', now()
                from generate_series(1, 100000) i on conflict do nothing""");
        db.execute("""
                insert into misconduct_record (id, officer_id, submitting_ori, category, incident_date, summary, notice_date,
                    response_date, hearing_held, final_adjudication_date, adjudication, appeal_status, status,
                    reporting_period, submitted_at, submitted_by, updated_at)
                select md5('plan-record-' || i)::uuid, md5('plan-officer-' || (i * 10))::uuid, 'WY0000000', 'TERMINATION',
                       date '2020-01-01', 'plan record', date '2020-02-01', date '2020-03-01', true, date '2020-06-01',
                       'Sustained', 'EXHAUSTED', 'ACTIVE', '2026-Q3', now(), 'plan', now()
                from generate_series(1, 10000) i on conflict do nothing""");
        Db.owner().execute("vacuum analyze officer"); // the owner's right: the runtime role may not
        Db.owner().execute("analyze misconduct_record");

        String name = db.explain(CheckService.NAME_SEARCH.replace("?1", "'plan officer77'").replace("?2", "'O000'")
                .replace("?3", "date '1960-01-01' + (77 * 7919 % 14600)").replace("?4", "0.4"));
        String identifier = db.explain(CheckService.IDENTIFIER_SEARCH.replace("?1", "'WY'").replace("?2", "'PLAN-77'"));
        String ids = "md5('plan-officer-70')::uuid, md5('plan-officer-80')::uuid, md5('plan-officer-77')::uuid";
        // the check's reads by id array: the matched officers (Hibernate's findMultiple), their disclosable records'
        // ids, and those records (findMultiple)
        String officers = db.explain("select * from officer where id = any(array[" + ids + "])");
        String records = db.explain(CheckService.DISCLOSABLE_RECORDS.replace("?1", "array[" + ids + "]"));
        String recordRows = db.explain("select * from misconduct_record where id = any(array[md5('plan-record-7')::uuid])");

        // index-only once the visibility map covers the officers (autovacuum does it for a table mostly appended to)
        assertTrue(name.contains("Index Only Scan using officer_dob_names") || name.contains("Index Scan on officer_dob_names"),
                name);
        assertTrue(identifier.contains("Index Scan using officer_certification"), identifier);
        assertTrue(officers.contains("officer_pkey"), officers);
        assertTrue(records.contains("misconduct_record_officer"), records);
        assertTrue(recordRows.contains("misconduct_record_pkey"), recordRows);
        for (String plan : List.of(name, identifier, officers, records, recordRows)) {
            assertFalse(plan.contains("Seq Scan"), plan);
        }
    }

    @Test
    void auditRowsAreTheLastWritesOfACheck() {
        Db db = new Db(dataSource);
        String submitter = randomOri("VA");
        String checker = randomOri("MD");
        LocalDate dob = CheckTest.randomDob();
        // two officers who both match the name check, one of them with two disclosable records
        String cert = randomCert();
        for (String category : new String[] {"TERMINATION", "CIVIL_JUDGMENT"}) {
            as(TestTokens.agencyUser(submitter))
                    .body(submission(officerJson("VA", cert, "Rowena", "Castellano", dob), category, finalProcess()))
                    .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201);
        }
        as(TestTokens.agencyUser(submitter))
                .body(submission(officerJson("VA", randomCert(), "Rowena", "Castellanos", dob), "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201);

        // the watching table, function and triggers are the owner's: the service's runtime role may not create them
        Db owner = Db.owner();
        owner.execute("create table check_write_order (seq bigserial primary key, tbl text not null, xid bigint not null)");
        owner.execute("""
                create function log_check_write() returns trigger language plpgsql security definer as $$
                begin
                  insert into check_write_order (tbl, xid) values (tg_table_name, txid_current());
                  return null;
                end $$""");
        try {
            for (String table : WATCHED) {
                owner.execute("create trigger log_check_write after insert on " + table
                        + " for each row execute function log_check_write()");
            }
            as(TestTokens.agencyUser(checker))
                    .body("{\"purpose\":\"HIRING\",\"firstName\":\"Rowena\",\"lastName\":\"Castellano\",\"dateOfBirth\":\""
                            + dob + "\"}")
                    .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200)
                    .body("matches", hasSize(2)).body("matches.records.flatten()", hasSize(3));
            List<String> order = writes();
            // 1 check, 2 subjects, 3 disclosures, 3 notices; then 3 record.disclose, 2 check.officer-match, 1 check.run
            assertEquals(List.of("background_check", "check_subject", "check_subject", "disclosure", "disclosure",
                    "disclosure", "officer_notice", "officer_notice", "officer_notice", "audit_entry", "audit_entry",
                    "audit_entry", "audit_entry", "audit_entry", "audit_entry"), order, "the check's writes in order");
        } finally {
            for (String table : WATCHED) {
                owner.execute("drop trigger if exists log_check_write on " + table);
            }
            owner.execute("drop function log_check_write()");
            owner.execute("drop table check_write_order");
        }
    }

    /** The tables written by the one transaction that wrote a background check, in the order of the writes. */
    private List<String> writes() {
        List<String> order = new ArrayList<>();
        try (Connection c = Db.owner().dataSource().getConnection(); PreparedStatement s = c.prepareStatement("""
                select tbl from check_write_order
                where xid = (select xid from check_write_order where tbl = 'background_check') order by seq""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                order.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return order;
    }
}
