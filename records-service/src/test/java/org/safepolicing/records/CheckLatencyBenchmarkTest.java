package org.safepolicing.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.records.check.CheckService;
import org.safepolicing.records.officer.NameKey;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Check latency at scale. Generates officers and records with SQL generate_series, proves with EXPLAIN that the name
 * and identifier searches use their indexes, then runs checks through the API and PRINTS latency percentiles.
 * Reduced size by default; {@code -Dbenchmark.scale=full} runs 1,000,000 officers and 100,000 records.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class CheckLatencyBenchmarkTest {

    static final String[] FIRST = {"Ulric", "Thessaly", "Oswin", "Marisol", "Leopold", "Ingrid", "Hector", "Guinevere",
            "Evander", "Delphine", "Cassius", "Beatrix", "Ambrose", "Rosalind", "Percival", "Ottoline", "Nikolai", "Lucinda",
            "Killian", "Juniper"};
    static final String[] ROOT = {"Vor", "Kel", "Dran", "Mor", "Tal", "Bel", "Gar", "Hal", "Lun", "Wer"};
    static final String[] TAIL = {"ington", "ovic", "berg", "ham", "wick", "ard", "ley", "mont", "ridge", "quist"};

    @Inject
    AgroalDataSource dataSource;

    @Test
    void checkLatencyAtScale() {
        boolean full = "full".equals(System.getProperty("benchmark.scale"));
        int officers = full ? 1_000_000 : 50_000;
        int records = full ? 100_000 : 5_000;
        int checks = full ? 1_000 : 200;
        String[] last = new String[ROOT.length * TAIL.length];
        String[] keys = new String[last.length];
        for (int i = 0; i < last.length; i++) {
            last[i] = ROOT[i / TAIL.length] + TAIL[i % TAIL.length];
            keys[i] = NameKey.soundex(last[i]);
        }
        Db db = new Db(dataSource);
        long started = System.nanoTime();
        db.execute("""
                insert into officer (id, first_name, last_name, date_of_birth, state, certification_number, name_normalized,
                                     last_name_key, created_by_ori, created_at)
                select md5('bench-officer-' || i)::uuid, f, l, date '1950-01-01' + (i * 7919 %% 18250)::int, 'WY',
                       'BENCH-' || i, lower(f || ' ' || l), k, 'WY0000000', now()
                from generate_series(1::bigint, %d) i,
                     lateral (select (array[%s])[(1 + i %% %d)::int] f, (array[%s])[(1 + (i / %d) %% %d)::int] l,
                                     (array[%s])[(1 + (i / %d) %% %d)::int] k) n
                on conflict do nothing""".formatted(officers, quoted(FIRST), FIRST.length, quoted(last), FIRST.length,
                last.length, quoted(keys), FIRST.length, last.length));
        db.execute("""
                insert into misconduct_record (id, officer_id, submitting_ori, category, incident_date, summary, notice_date,
                    response_date, hearing_held, final_adjudication_date, adjudication, appeal_status, status,
                    reporting_period, submitted_at, submitted_by, updated_at)
                select md5('bench-record-' || i)::uuid, md5('bench-officer-' || (1 + (i * 104729) %% %d))::uuid, 'WY0000000',
                       (array['TERMINATION','DECERTIFICATION','CRIMINAL_CONVICTION','CIVIL_JUDGMENT'])[(1 + i %% 4)::int],
                       date '2020-01-01', 'benchmark record', date '2020-02-01', date '2020-03-01', true, date '2020-06-01',
                       'Sustained', 'EXHAUSTED', case when i %% 10 = 0 then 'PENDING_FAIR_PROCESS' else 'ACTIVE' end,
                       '2026-Q3', now(), 'benchmark', now()
                from generate_series(1::bigint, %d) i on conflict do nothing""".formatted(officers, records));
        Db.owner().execute("analyze officer"); // the owner's right: the runtime role may not
        Db.owner().execute("analyze misconduct_record");
        double generateSeconds = (System.nanoTime() - started) / 1e9;

        String namePlan = db.explain(CheckService.NAME_SEARCH.replace("?1", "'ulric vorington'").replace("?2", "'V652'")
                .replace("?3", "date '1970-05-05'").replace("?4", "0.4"));
        String identifierPlan = db.explain(CheckService.IDENTIFIER_SEARCH.replace("?1", "'WY'").replace("?2", "'BENCH-77'"));
        String recordPlan = db.explain("select * from misconduct_record where officer_id = md5('bench-officer-77')::uuid"
                + " and status in ('ACTIVE', 'DISPUTED')");
        System.out.println("[benchmark] name search plan:\n" + namePlan);
        System.out.println("[benchmark] identifier search plan:\n" + identifierPlan);
        assertTrue(namePlan.contains("officer_dob_names"), namePlan);
        assertTrue(identifierPlan.contains("officer_certification"), identifierPlan);
        assertTrue(recordPlan.contains("misconduct_record_officer"), recordPlan);

        String ori = RecordsApi.randomOri("WY");
        String token = TestTokens.agencyUser(ori);
        Random random = new Random(42);
        List<Long> nameNanos = new ArrayList<>();
        List<Long> idNanos = new ArrayList<>();
        int found = 0;
        for (int n = 0; n < checks; n++) {
            int i = 1 + random.nextInt(officers);
            String first = FIRST[i % FIRST.length];
            String lastName = last[(i / FIRST.length) % last.length];
            LocalDate dob = LocalDate.of(1950, 1, 1).plusDays((long) i * 7919 % 18250);
            String body = n % 2 == 0
                    ? "{\"purpose\":\"HIRING\",\"firstName\":\"%s\",\"lastName\":\"%s\",\"dateOfBirth\":\"%s\"}"
                            .formatted(first, lastName.replace("o", "u"), dob) // a spelling variant
                    : "{\"purpose\":\"HIRING\",\"state\":\"WY\",\"certificationNumber\":\"BENCH-%d\"}".formatted(i);
            if (n % 100 == 99) { // the check limit is per user: the load comes from the agency's users, 100 checks each
                token = TestTokens.agencyUser(ori);
            }
            long t0 = System.nanoTime();
            List<String> hits = as(token).body(body).post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(200)
                    .extract().path("matches.certificationNumber");
            (n % 2 == 0 ? nameNanos : idNanos).add(System.nanoTime() - t0);
            if (hits.contains("BENCH-" + i)) {
                found++;
            }
        }
        assertEquals(checks, found, "every check finds its officer");
        System.out.printf("[benchmark] check latency at %,d officers / %,d records (generated in %.1f s), %d checks%n",
                officers, records, generateSeconds, checks);
        print("name + date of birth (spelling variant)", nameNanos);
        print("state + certification number", idNanos);
    }

    private static String quoted(String[] values) {
        return String.join(",", Arrays.stream(values).map(v -> "'" + v + "'").toList());
    }

    private static void print(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("[benchmark]   %-42s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (n=%d)%n", what,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
