package org.safepolicing.systemtests.soak;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.safepolicing.systemtests.bench.BenchTarget;

/**
 * The soak's load, through the four services' public APIs with Keycloak tokens: DOJ registers agencies (one by one
 * and by CSV import), applies and certifies bodies and opens a grant program; each agency, in a loop, seeks a
 * credential, its body's assessor assesses both mandatory standards and grants it, the agency submits a misconduct
 * record, training completions and co-responder encounters, and withdraws; once, it files a zero report, starts a
 * co-responder program, applies for a grant and a grant officer awards it (until the appropriation is spent: then 409).
 * DOJ suspends and reinstates "toggle" bodies that a few agencies sought credentials from. One agency's requests are
 * made one after the other (its order is what the checks expect); agencies run in parallel.
 */
final class Workload {

    static final String COURSE = "SOAK_DEESCALATION";
    static final String AMOUNT = "1000.00";
    private static final String[] STATES = {"VA", "MD", "WA", "TX", "CA", "NY", "OH", "PA", "GA", "NC"};
    private static final String ORI_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the soak did to one agency, in order: the checks compare the services against it. */
    static final class AgencyState {
        final String ori;
        final boolean toggle;
        volatile String toggleBody;
        String workBody;
        boolean registered;
        boolean registrationUncertain;
        /** credential id → the status its last successful change left it in. */
        final Map<String, String> credentials = new LinkedHashMap<>();
        /** Every credential event the soak's successful changes call for, in order: TYPE:credentialId. */
        final List<String> credentialEvents = new ArrayList<>();
        boolean credentialUncertain;
        String openCredential;
        final List<String> recordIds = new ArrayList<>();
        boolean recordsUncertain;
        boolean reported;
        String programId;
        boolean programActive;
        boolean programUncertain;
        int encounters;
        boolean encountersUncertain;
        final List<String> officerRefs = new ArrayList<>();
        boolean completionsUncertain;
        String applicationId;
        String awardId;
        boolean grantsUncertain;
        int cycles;

        AgencyState(String ori, boolean toggle) {
            this.ori = ori;
            this.toggle = toggle;
        }

        boolean expectPass() {
            return openCredential != null;
        }
    }

    final SoakTarget target;
    final SoakHttp http;
    final SoakOptions options;
    final List<AgencyState> agencies = new ArrayList<>();
    final List<String> workBodies = new ArrayList<>();
    final List<String> toggleBodies = new ArrayList<>();
    /** body id → expected body events, in order (TYPE). */
    final Map<String, List<String>> bodyEvents = new LinkedHashMap<>();
    volatile String grantProgram;
    volatile java.math.BigDecimal appropriation;
    final AtomicBoolean stop = new AtomicBoolean();
    /** How many requests may have been made by now: the load is spread over the faults (SuiteSoak sets it). */
    volatile java.util.function.LongSupplier allowance = () -> Long.MAX_VALUE;
    final AtomicInteger officerSeq = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final String period;
    final String runId;

    Workload(SoakTarget target, SoakHttp http, String runId) {
        this.target = target;
        this.http = http;
        this.options = target.options();
        this.runId = runId;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        this.period = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
    }

    private String url(String service, String path) {
        return target.url(service) + path;
    }

    private Supplier<String> admin() {
        return () -> http.http.demoToken("doj.admin");
    }

    private Supplier<String> agency(String ori) {
        return () -> http.http.agencyToken(ori);
    }

    private Supplier<String> officer() {
        return () -> http.http.demoToken("grant.officer");
    }

    static String randomOri(String state) {
        StringBuilder b = new StringBuilder(state);
        for (int i = 0; i < 7; i++) {
            b.append(ORI_CHARS.charAt(RANDOM.nextInt(ORI_CHARS.length())));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ setup

    void setup() throws Exception {
        for (int i = 0; i < 2; i++) {
            workBodies.add(body("Soak Work Body " + runId + "-" + i));
        }
        for (int i = 0; i < 2; i++) {
            toggleBodies.add(body("Soak Toggle Body " + runId + "-" + i));
        }
        for (String b : workBodies) {
            http.assessorToken(b); // its Keycloak client, once, before the faults
        }
        // the training course the completions name (409: there from an earlier run)
        http.post("course", null, url(BenchTarget.CORESPONDER, "/api/v1/training/courses"), admin(),
                Map.of("code", COURSE, "title", "Soak de-escalation course", "hours", 8));
        int toggleAgencies = Math.min(4, Math.max(2, options.agencies() / 10));
        for (int i = 0; i < options.agencies(); i++) {
            AgencyState a = new AgencyState(randomOri(STATES[i % STATES.length]), i < toggleAgencies);
            a.workBody = workBodies.get(i % workBodies.size());
            if (a.toggle) {
                a.toggleBody = toggleBodies.get(i % toggleBodies.size());
            }
            agencies.add(a);
        }
        // half registered one by one, half imported by CSV (25 a file)
        List<AgencyState> imported = new ArrayList<>();
        List<AgencyState> single = new ArrayList<>();
        for (int i = 0; i < agencies.size(); i++) {
            (i % 2 == 0 ? single : imported).add(agencies.get(i));
        }
        parallel(single, this::register);
        List<List<AgencyState>> files = new ArrayList<>();
        for (int i = 0; i < imported.size(); i += 25) {
            files.add(imported.subList(i, Math.min(imported.size(), i + 25)));
        }
        parallel(files, this::importCsv);
        for (AgencyState a : agencies) {
            http.http.agencyToken(a.ori); // its Keycloak client, once
        }
        // a grant program whose appropriation covers about 60% of the agencies' requests
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        appropriation = new java.math.BigDecimal(AMOUNT).multiply(java.math.BigDecimal.valueOf(
                Math.max(1, agencies.size() * 6 / 10)));
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("name", "Soak program " + runId);
        terms.put("area", "CREDENTIALING_ASSISTANCE");
        terms.put("fiscalYear", today.getYear() + 1);
        terms.put("appropriation", appropriation.toPlainString());
        terms.put("applicationOpens", today.minusDays(1).toString());
        terms.put("applicationCloses", today.plusDays(30).toString());
        Ledger.Entry program = http.post("grant-program", null, url(BenchTarget.GRANTS, "/api/v1/grant-programs"),
                admin(), terms);
        if (!program.ok()) {
            throw new IllegalStateException("grant program: HTTP " + program.status() + " " + program.body());
        }
        grantProgram = program.id();
        // toggle agencies seek from their toggle body once; they keep that credential for the whole run
        parallel(agencies.stream().filter(a -> a.toggle).toList(), a -> seek(a, a.toggleBody));
    }

    private String body(String name) {
        Map<String, Object> application = Map.of("name", name,
                "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"),
                "addresses", Map.of("useOfForcePoliciesAndTraining", "reviewed", "deEscalationPoliciesAndTraining",
                        "reviewed", "earlyWarningSystems", "reviewed", "communityEngagement", "reviewed"),
                "confirmsMandatoryStandards", true);
        Ledger.Entry applied = http.post("body-apply", null, url(BenchTarget.CREDENTIALING, "/api/v1/bodies"),
                admin(), application);
        if (!applied.ok()) {
            throw new IllegalStateException("body application: HTTP " + applied.status() + " " + applied.body());
        }
        String id = applied.id();
        Ledger.Entry certified = http.post("body-certify", null,
                url(BenchTarget.CREDENTIALING, "/api/v1/bodies/" + id + "/certification"), admin(), Map.of("termMonths", 36));
        if (!certified.ok()) {
            throw new IllegalStateException("certification: HTTP " + certified.status() + " " + certified.body());
        }
        bodyEvents.computeIfAbsent(id, k -> new ArrayList<>()).addAll(List.of("applied", "certified"));
        return id;
    }

    private void register(AgencyState a) {
        Ledger.Entry e = http.post("agency-register", a.ori, url(BenchTarget.CREDENTIALING, "/api/v1/agencies"), admin(),
                Map.of("ori", a.ori, "name", "Soak Agency " + a.ori, "type", "LOCAL_MUNICIPAL", "state",
                        a.ori.substring(0, 2), "county", "Soak County", "swornOfficers", 80, "populationServed", 50_000,
                        "urbanRural", "RURAL"));
        a.registered = e.ok();
        a.registrationUncertain = !e.resolved();
    }

    private void importCsv(List<AgencyState> file) {
        StringBuilder csv = new StringBuilder("ori,name,type,state,county,sworn_officers,population_served,urban_rural\n");
        for (AgencyState a : file) {
            csv.append(a.ori).append(",Soak Imported Agency ").append(a.ori).append(",LOCAL_MUNICIPAL,")
                    .append(a.ori, 0, 2).append(",Soak County,60,40000,URBAN\n");
        }
        Ledger.Entry e = http.change("agency-import", null, "POST", url(BenchTarget.CREDENTIALING, "/api/v1/agencies/import"),
                admin(), csv.toString(), "text/csv", java.util.Set.of());
        for (AgencyState a : file) {
            a.registered = e.ok();
            a.registrationUncertain = !e.resolved();
        }
    }

    // ------------------------------------------------------------------ the loop

    /** Runs the agencies' cycles on {@code workers} threads until {@link #stop} is set. */
    void run() throws InterruptedException {
        ConcurrentLinkedQueue<AgencyState> queue = new ConcurrentLinkedQueue<>();
        List<AgencyState> order = new ArrayList<>(agencies.stream().filter(a -> a.registered).toList());
        Collections.shuffle(order, RANDOM);
        queue.addAll(order);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < options.workers(); w++) {
            threads.add(Thread.ofVirtual().name("soak-worker-" + w).start(() -> {
                while (!stop.get()) {
                    if (http.ledger.count() >= allowance.getAsLong()) {
                        SoakHttp.sleep(200);
                        continue;
                    }
                    AgencyState a = queue.poll();
                    if (a == null) {
                        SoakHttp.sleep(100);
                        continue;
                    }
                    try {
                        cycle(a);
                    } catch (RuntimeException e) {
                        problems.add(a.ori + ": " + e);
                    } finally {
                        queue.add(a);
                    }
                }
            }));
        }
        Thread toggler = Thread.ofVirtual().name("soak-toggler").start(this::toggleBodies);
        for (Thread t : threads) {
            t.join();
        }
        toggler.join();
    }

    /** DOJ suspends a toggle body and reinstates it, again and again; every toggle body ends CERTIFIED. */
    private void toggleBodies() {
        int i = 0;
        while (!stop.get()) {
            String body = toggleBodies.get(i++ % toggleBodies.size());
            toggle(body, "suspension", "suspended", Map.of("reason", "soak: suspended on purpose"));
            SoakHttp.sleep(1_500);
            toggle(body, "reinstatement", "reinstated", Map.of());
            SoakHttp.sleep(1_500);
        }
    }

    private void toggle(String body, String path, String event, Map<String, Object> request) {
        Ledger.Entry e = http.post("body-" + path, body,
                url(BenchTarget.CREDENTIALING, "/api/v1/bodies/" + body + "/" + path), admin(), request);
        synchronized (bodyEvents) {
            if (e.ok()) {
                bodyEvents.get(body).add(event);
            } else if (!e.resolved()) {
                bodyEvents.get(body).add("?");
            }
        }
    }

    private void cycle(AgencyState a) {
        if (a.toggle) {
            // a toggle agency keeps its credential: it only reports records
            record(a);
            SoakHttp.sleep(500);
            a.cycles++;
            return;
        }
        if (a.cycles == 0) {
            report(a);
            program(a);
        }
        if (!seek(a, a.workBody)) {
            a.cycles++;
            SoakHttp.sleep(500); // refused: no busy loop
            return;
        }
        if (a.cycles == 0) {
            applyAndAward(a);
        }
        String id = a.openCredential;
        boolean assessed = assess(a, id, "UOF_LAWFUL") & assess(a, id, "CHOKEHOLD_BAN");
        if (assessed) {
            Ledger.Entry d = http.post("credential-decide", a.ori, credentialUrl(a, id) + "/decision",
                    () -> http.assessorToken(a.workBody), Map.of("outcome", "CREDENTIALED", "reason", "soak"));
            credentialChange(a, d, id, "CREDENTIALED", "granted");
        }
        record(a);
        completions(a);
        encounters(a);
        if (a.openCredential != null) {
            Ledger.Entry w = http.post("credential-withdraw", a.ori, credentialUrl(a, id) + "/withdrawal", agency(a.ori),
                    Map.of("reason", "soak"));
            credentialChange(a, w, id, "WITHDRAWN", "withdrawn");
            if (w.ok()) {
                a.openCredential = null;
            }
        }
        a.cycles++;
    }

    private String credentialUrl(AgencyState a, String id) {
        return url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + a.ori + "/credentials/" + id);
    }

    private boolean seek(AgencyState a, String body) {
        Ledger.Entry e = http.post("credential-seek", a.ori,
                url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + a.ori + "/credentials"), agency(a.ori),
                Map.of("bodyId", body));
        if (e.ok()) {
            String id = e.id();
            a.credentials.put(id, "SOUGHT");
            a.credentialEvents.add("sought:" + id);
            a.openCredential = id;
            return true;
        }
        if (!e.resolved()) {
            a.credentialUncertain = true;
        }
        return false;
    }

    private boolean assess(AgencyState a, String id, String standard) {
        Ledger.Entry e = http.put("credential-assess", a.ori, credentialUrl(a, id) + "/assessments/" + standard,
                () -> http.assessorToken(a.workBody), Map.of("outcome", "MET", "evidenceRefs", List.of("soak-" + standard),
                        "notes", "soak"));
        if (!e.resolved()) {
            a.credentialUncertain = true;
        }
        return e.ok();
    }

    private void credentialChange(AgencyState a, Ledger.Entry e, String id, String status, String event) {
        if (e.ok()) {
            a.credentials.put(id, status);
            a.credentialEvents.add(event + ":" + id);
        } else if (!e.resolved()) {
            a.credentialUncertain = true;
        }
    }

    /**
     * A zero report for every period records-service holds the agency delinquent or due for (a stack whose first
     * reporting period is in the past makes a new agency delinquent at once, and grants then refuses its application),
     * then for this quarter: the one the checks follow.
     */
    private void report(AgencyState a) {
        String reports = url(BenchTarget.RECORDS, "/api/v1/agencies/" + a.ori + "/reports");
        com.fasterxml.jackson.databind.JsonNode standing = null;
        for (int i = 0; i < 120 && standing == null; i++) { // records learns of the agency from agency-registry.v1
            var got = http.read(url(BenchTarget.RECORDS, "/api/v1/agencies/" + a.ori + "/reporting"), agency(a.ori));
            if (got.status() == 200) {
                standing = got.json();
            } else {
                SoakHttp.sleep(500);
            }
        }
        if (standing != null) {
            for (com.fasterxml.jackson.databind.JsonNode p : standing.path("periods")) {
                String name = p.path("period").asText();
                if (!name.equals(period) && !"SUBMITTED".equals(p.path("status").asText())) {
                    http.post("records-report-past", a.ori, reports, agency(a.ori),
                            Map.of("period", name, "zeroReport", true), 404);
                }
            }
        }
        Ledger.Entry e = http.post("records-report", a.ori, reports, agency(a.ori),
                Map.of("period", period, "zeroReport", true), 404);
        a.reported = e.ok();
    }

    private void record(AgencyState a) {
        String cert = "SK" + runId + "-" + officerSeq.incrementAndGet();
        String state = a.ori.substring(0, 2);
        String body = String.format("""
                {"officer": {"state": "%s", "certificationNumber": "%s", "firstName": "Soak", "lastName": "Officer",
                             "dateOfBirth": "1985-04-12"},
                 "category": "TERMINATION", "incidentDate": "2023-11-02", "summary": "Terminated for excessive force",
                 "fairProcess": {"noticeDate": "2024-01-10", "responseDate": "2024-02-01", "hearingHeld": true,
                                 "finalAdjudicationDate": "2024-03-15", "adjudication": "Sustained",
                                 "appealStatus": "EXHAUSTED"}}""", state, cert);
        Ledger.Entry e = http.post("records-submit", a.ori,
                url(BenchTarget.RECORDS, "/api/v1/agencies/" + a.ori + "/records"), agency(a.ori), body, 404);
        if (e.ok()) {
            a.recordIds.add(e.id());
        } else if (!e.resolved()) {
            a.recordsUncertain = true;
        }
    }

    private void program(AgencyState a) {
        Ledger.Entry e = http.post("coresponder-program", a.ori,
                url(BenchTarget.CORESPONDER, "/api/v1/agencies/" + a.ori + "/programs"), agency(a.ori),
                Map.of("partnerOrganization", "Soak Partner", "model", "CO_RESPONDER_RIDE_ALONG",
                        "clinicians", List.of(Map.of("type", "SOCIAL_WORKER", "weeklyHours", 40)),
                        "coverageHoursPerWeek", 40), 404);
        if (!e.ok()) {
            a.programUncertain = !e.resolved();
            return;
        }
        a.programId = e.id();
        Ledger.Entry s = http.post("coresponder-status", a.ori,
                url(BenchTarget.CORESPONDER, "/api/v1/agencies/" + a.ori + "/programs/" + a.programId + "/status"),
                agency(a.ori), Map.of("status", "ACTIVE", "reason", "soak"));
        a.programActive = s.ok();
        a.programUncertain = !s.resolved();
    }

    private void encounters(AgencyState a) {
        if (a.programId == null || !a.programActive) {
            return;
        }
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(Map.of("occurredAt", Instant.now().minus(10 + i, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString(),
                    "reasons", List.of("MENTAL_HEALTH"), "clinicianOnScene", true, "responseMinutes", 12,
                    "outcome", "RESOLVED_ON_SCENE", "forceUsed", false, "injuries", List.of(), "followUp", true));
        }
        Ledger.Entry e = http.post("coresponder-encounters", a.ori, url(BenchTarget.CORESPONDER,
                "/api/v1/agencies/" + a.ori + "/programs/" + a.programId + "/encounters/bulk"), agency(a.ori),
                Map.of("encounters", batch));
        if (e.ok()) {
            a.encounters += e.json().path("accepted").asInt();
        } else if (!e.resolved()) {
            a.encountersUncertain = true;
        }
    }

    private void completions(AgencyState a) {
        List<String> refs = List.of("SK-" + officerSeq.incrementAndGet(), "SK-" + officerSeq.incrementAndGet());
        List<Map<String, Object>> list = new ArrayList<>();
        for (String ref : refs) {
            list.add(Map.of("officerRef", ref, "courseCode", COURSE,
                    "completedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
        }
        Ledger.Entry e = http.post("coresponder-training", a.ori,
                url(BenchTarget.CORESPONDER, "/api/v1/agencies/" + a.ori + "/training/completions"), agency(a.ori),
                Map.of("completions", list), 404);
        if (e.ok()) {
            a.officerRefs.addAll(refs);
        } else if (!e.resolved()) {
            a.completionsUncertain = true;
        }
    }

    /** Applies (retried while grants does not know yet that the agency sought: 422 not-eligible), and is awarded. */
    private void applyAndAward(AgencyState a) {
        Ledger.Entry applied = http.post("grants-apply", a.ori,
                url(BenchTarget.GRANTS, "/api/v1/grant-programs/" + grantProgram + "/applications"), agency(a.ori),
                Map.of("ori", a.ori, "requestedAmount", AMOUNT, "purpose", "soak"), 404, 422);
        if (!applied.ok()) {
            a.grantsUncertain = !applied.resolved();
            return;
        }
        a.applicationId = applied.id();
        Ledger.Entry award = http.post("grants-award", a.ori,
                url(BenchTarget.GRANTS, "/api/v1/grant-applications/" + a.applicationId + "/award"), officer(),
                Map.of("amount", AMOUNT));
        if (award.ok()) {
            a.awardId = award.id();
        } else if (!award.resolved()) {
            a.grantsUncertain = true;
        }
    }

    interface Work<T> {
        void run(T item) throws Exception;
    }

    static <T> void parallel(List<T> items, Work<T> work) throws Exception {
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(8);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        for (T item : items) {
            permits.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    work.run(item);
                } catch (Exception e) {
                    failures.add(e);
                } finally {
                    permits.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
