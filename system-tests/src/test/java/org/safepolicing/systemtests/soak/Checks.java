package org.safepolicing.systemtests.soak;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.safepolicing.contracts.Topics;
import org.safepolicing.systemtests.bench.BenchHttp;
import org.safepolicing.systemtests.bench.BenchTarget;

/**
 * What the soak checks once the load and the faults are over, from the services' APIs and the topics: each a
 * {@link Check} with its figures; the soak passes when every one passes.
 */
final class Checks {

    /** One check: passed or not, its figures, and what was wrong (the first few). */
    record Check(String name, boolean passed, String figures, List<String> wrong) {
    }

    final List<Check> checks = new ArrayList<>();
    private final SoakTarget target;
    private final SoakHttp http;
    private final Workload w;
    private final SoakKafka kafka;

    Checks(SoakTarget target, SoakHttp http, Workload workload, SoakKafka kafka) {
        this.target = target;
        this.http = http;
        this.w = workload;
        this.kafka = kafka;
    }

    void add(String name, boolean passed, String figures, List<String> wrong) {
        checks.add(new Check(name, passed, figures, wrong.size() > 10 ? wrong.subList(0, 10) : wrong));
        SuiteSoak.log((passed ? "PASS " : "FAIL ") + name + ": " + figures + (wrong.isEmpty() ? "" : " " + wrong.subList(0, Math.min(3, wrong.size()))));
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

    // ------------------------------------------------------------------ convergence

    /** Readiness 200, the event-backbone's outboxPending of each service (null when unreadable). */
    Long outboxPending(String service) {
        BenchHttp.Resp r = http.http.get(url(service, "/q/health/ready"), null);
        if (r.status() != 200) {
            return null;
        }
        for (JsonNode check : r.json().path("checks")) {
            if ("event-backbone".equals(check.path("name").asText())) {
                return check.path("data").path("outboxPending").asLong(-1);
            }
        }
        return null;
    }

    /** Whether the suite has converged now: ready, outboxes empty, grants caught up, every answer as expected. */
    String notConverged() {
        for (String s : BenchTarget.SERVICES) {
            Long pending = outboxPending(s);
            if (pending == null) {
                return s + " not ready";
            }
            if (pending != 0) {
                return s + " outboxPending " + pending;
            }
        }
        try {
            Map<String, Long> lag = kafka.lag(BenchTarget.GRANTS, List.of(Topics.AGENCY_REGISTRY,
                    Topics.CREDENTIALING_EVENTS, Topics.RECORDS_REPORTING, Topics.CORESPONDER_EVENTS));
            if (!lag.isEmpty()) {
                return "grants-service has not consumed committed records (partition@its committed offset=records): " + lag;
            }
        } catch (Exception e) {
            return "lag unknown: " + e.getMessage();
        }
        List<String> wrong = wrongAnswers(5);
        return wrong.isEmpty() ? null : "answers " + wrong;
    }

    /** Agencies whose Sec. 2(b) answer at grants is not what their credentials call for. */
    List<String> wrongAnswers(int limit) {
        List<String> wrong = new ArrayList<>();
        for (Workload.AgencyState a : w.agencies) {
            if (!a.registered || a.credentialUncertain) {
                continue;
            }
            String expected = (a.toggle || a.expectPass() ? "PASS" : "FAIL") + " 3d-decided";
            String actual = sec2b(a.ori);
            if (!expected.equals(actual)) {
                wrong.add(a.ori + " " + actual + "!=" + expected);
                if (wrong.size() >= limit) {
                    break;
                }
            }
        }
        return wrong;
    }

    private String sec2b(String ori) {
        BenchHttp.Resp r = http.http.get(url(BenchTarget.GRANTS, "/api/v1/agencies/" + ori + "/eligibility"),
                http.http.demoToken("grant.officer"));
        if (!r.ok()) {
            return "HTTP " + r.status();
        }
        String answer = "none";
        for (JsonNode rule : r.json().path("rules")) {
            if ("SEC_2B_CREDENTIAL".equals(rule.path("rule").asText())) {
                answer = rule.path("outcome").asText();
            }
        }
        for (JsonNode rule : r.json().path("rules")) {
            if ("SEC_3D_REPORTING".equals(rule.path("rule").asText())) {
                // records' standing for the agency reached grants (a deciding event), whatever it says
                answer += rule.path("decidedBy").path("eventId").isTextual() ? " 3d-decided" : " 3d-no-standing";
            }
        }
        return answer;
    }

    /**
     * Waits (at most {@code maxSeconds}) until the suite has converged; returns the seconds from {@code since}, or
     * -1 with the last reason in {@code why}.
     */
    double awaitConverged(Instant since, int maxSeconds, StringBuilder why) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        String reason = "not checked";
        while (System.nanoTime() < deadline) {
            reason = notConverged();
            if (reason == null) {
                return (Instant.now().toEpochMilli() - since.toEpochMilli()) / 1000.0;
            }
            SoakHttp.sleep(500);
        }
        why.append(reason);
        return -1;
    }

    // ------------------------------------------------------------------ effects exactly once

    void effects() throws Exception {
        AtomicLong agenciesLost = new AtomicLong();
        AtomicLong credLost = new AtomicLong(), credDoubled = new AtomicLong(), credWrong = new AtomicLong(), credOk = new AtomicLong();
        AtomicLong recLost = new AtomicLong(), recDoubled = new AtomicLong(), recOk = new AtomicLong();
        AtomicLong repLost = new AtomicLong(), repDoubled = new AtomicLong(), repOk = new AtomicLong();
        AtomicLong progLost = new AtomicLong(), progDoubled = new AtomicLong(), progOk = new AtomicLong();
        AtomicLong encLost = new AtomicLong(), encDoubled = new AtomicLong(), encOk = new AtomicLong();
        AtomicLong trainLost = new AtomicLong(), trainDoubled = new AtomicLong(), trainOk = new AtomicLong();
        AtomicLong uncertain = new AtomicLong();
        Map<String, List<String>> wrong = new ConcurrentHashMap<>();
        for (String k : List.of("agencies", "credentials", "records", "reports", "programs", "encounters", "training")) {
            wrong.put(k, java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        Workload.parallel(w.agencies.stream().filter(a -> a.registered).toList(), a -> {
            BenchHttp.Resp agency = http.read(url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + a.ori), admin());
            if (agency.status() != 200) {
                agenciesLost.incrementAndGet();
                wrong.get("agencies").add(a.ori + " HTTP " + agency.status());
            }
            if (a.credentialUncertain || a.recordsUncertain || a.programUncertain || a.encountersUncertain
                    || a.completionsUncertain) {
                uncertain.incrementAndGet();
            }
            if (!a.credentialUncertain) {
                BenchHttp.Resp r = http.read(url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + a.ori + "/credentials"), agency(a.ori));
                Map<String, String> actual = new HashMap<>();
                r.json().forEach(c -> actual.put(c.path("id").asText(), c.path("status").asText()));
                for (var e : a.credentials.entrySet()) {
                    String s = actual.get(e.getKey());
                    if (s == null) {
                        credLost.incrementAndGet();
                        wrong.get("credentials").add(a.ori + " lost " + e.getKey());
                    } else if (!s.equals(e.getValue())) {
                        credWrong.incrementAndGet();
                        wrong.get("credentials").add(a.ori + " " + e.getKey() + " " + s + "!=" + e.getValue());
                    } else {
                        credOk.incrementAndGet();
                    }
                }
                for (String id : actual.keySet()) {
                    if (!a.credentials.containsKey(id)) {
                        credDoubled.incrementAndGet();
                        wrong.get("credentials").add(a.ori + " extra " + id);
                    }
                }
            }
            if (!a.recordsUncertain) {
                Set<String> ids = new HashSet<>();
                for (JsonNode item : pages(url(BenchTarget.RECORDS, "/api/v1/agencies/" + a.ori + "/records"), agency(a.ori))) {
                    ids.add(item.path("id").asText());
                }
                for (String id : a.recordIds) {
                    if (ids.remove(id)) {
                        recOk.incrementAndGet();
                    } else {
                        recLost.incrementAndGet();
                        wrong.get("records").add(a.ori + " lost " + id);
                    }
                }
                recDoubled.addAndGet(ids.size());
                ids.forEach(id -> wrong.get("records").add(a.ori + " extra " + id));
            }
            if (a.reported) {
                // the zero report once (one zeroReport revision), and the period counting exactly the soak's records
                BenchHttp.Resp r = http.read(url(BenchTarget.RECORDS, "/api/v1/agencies/" + a.ori + "/reporting"), agency(a.ori));
                JsonNode period = null;
                for (JsonNode p : r.json().path("periods")) {
                    if (w.period.equals(p.path("period").asText())) {
                        period = p;
                    }
                }
                long zero = 0;
                if (period != null) {
                    for (JsonNode rev : period.path("revisions")) {
                        if (rev.path("zeroReport").asBoolean()) {
                            zero++;
                        }
                    }
                }
                long count = period == null ? -1 : period.path("recordCount").asLong(-1);
                if (zero == 0) {
                    repLost.incrementAndGet();
                    wrong.get("reports").add(a.ori + " no zero report: " + BenchHttpAbbrev.of(r.body()));
                } else if (zero > 1) {
                    repDoubled.incrementAndGet();
                    wrong.get("reports").add(a.ori + " " + zero + " zero reports");
                } else if (!a.recordsUncertain && count != a.recordIds.size()) {
                    if (count > a.recordIds.size()) {
                        repDoubled.incrementAndGet();
                    } else {
                        repLost.incrementAndGet();
                    }
                    wrong.get("reports").add(a.ori + " the period counts " + count + " records, the soak made " + a.recordIds.size());
                } else {
                    repOk.incrementAndGet();
                }
            }
            if (!a.programUncertain && !a.toggle) {
                List<JsonNode> programs = pages(url(BenchTarget.CORESPONDER, "/api/v1/agencies/" + a.ori + "/programs"), agency(a.ori));
                int expected = a.programId == null ? 0 : 1;
                if (programs.size() > expected) {
                    progDoubled.addAndGet(programs.size() - expected);
                    wrong.get("programs").add(a.ori + " " + programs.size() + " programs");
                } else if (programs.size() < expected) {
                    progLost.incrementAndGet();
                    wrong.get("programs").add(a.ori + " lost " + a.programId);
                } else if (expected == 1 && a.programActive
                        && !"ACTIVE".equals(programs.get(0).path("status").asText())) {
                    progLost.incrementAndGet();
                    wrong.get("programs").add(a.ori + " status " + programs.get(0).path("status").asText());
                } else {
                    progOk.addAndGet(expected);
                }
            }
            if (a.programId != null && !a.encountersUncertain) {
                BenchHttp.Resp r = http.read(url(BenchTarget.CORESPONDER, "/api/v1/agencies/" + a.ori + "/programs/"
                        + a.programId + "/encounters?size=1"), agency(a.ori));
                long total = r.json().path("total").asLong(-1);
                if (total > a.encounters) {
                    encDoubled.addAndGet(total - a.encounters);
                    wrong.get("encounters").add(a.ori + " " + total + ">" + a.encounters);
                } else if (total < a.encounters) {
                    encLost.addAndGet(a.encounters - Math.max(0, total));
                    wrong.get("encounters").add(a.ori + " " + total + "<" + a.encounters + " " + (total < 0 ? r.body() : ""));
                } else {
                    encOk.addAndGet(total);
                }
            }
            if (!a.completionsUncertain && !a.toggle) {
                BenchHttp.Resp r = http.read(url(BenchTarget.CORESPONDER, "/api/v1/agencies/" + a.ori + "/training/coverage"), agency(a.ori));
                long officers = 0;
                for (JsonNode c : r.json().path("byCourse")) {
                    if (Workload.COURSE.equals(c.path("courseCode").asText())) {
                        officers = c.path("officers").asLong();
                    }
                }
                if (officers > a.officerRefs.size()) {
                    trainDoubled.addAndGet(officers - a.officerRefs.size());
                    wrong.get("training").add(a.ori + " " + officers + ">" + a.officerRefs.size());
                } else if (officers < a.officerRefs.size()) {
                    trainLost.addAndGet(a.officerRefs.size() - officers);
                    wrong.get("training").add(a.ori + " " + officers + "<" + a.officerRefs.size() + " " + r.body());
                } else {
                    trainOk.addAndGet(officers);
                }
            }
        });
        long registered = w.agencies.stream().filter(a -> a.registered).count();
        effect("agencies registered and imported", registered - agenciesLost.get(), agenciesLost.get(), 0, wrong.get("agencies"));
        add("credentials (seek, assess, grant, withdraw)", credLost.get() + credDoubled.get() + credWrong.get() == 0,
                String.format("%d as expected, lost %d, doubled %d, in another state %d", credOk.get(), credLost.get(),
                        credDoubled.get(), credWrong.get()), wrong.get("credentials"));
        effect("misconduct records", recOk.get(), recLost.get(), recDoubled.get(), wrong.get("records"));
        effect("zero reports (once; the period counts every record)", repOk.get(), repLost.get(), repDoubled.get(), wrong.get("reports"));
        effect("co-responder programs (created, ACTIVE)", progOk.get(), progLost.get(), progDoubled.get(), wrong.get("programs"));
        effect("encounters", encOk.get(), encLost.get(), encDoubled.get(), wrong.get("encounters"));
        effect("training completions (officers)", trainOk.get(), trainLost.get(), trainDoubled.get(), wrong.get("training"));
        lost += agenciesLost.get() + credLost.get() + credWrong.get() + recLost.get() + repLost.get() + progLost.get()
                + encLost.get() + trainLost.get();
        doubled += repDoubled.get() + credDoubled.get() + recDoubled.get() + progDoubled.get() + encDoubled.get() + trainDoubled.get();
        uncertainAgencies = uncertain.get();
    }

    long lost;
    long doubled;
    long uncertainAgencies;

    private void effect(String name, long ok, long lostN, long doubledN, List<String> wrong) {
        add(name, lostN == 0 && doubledN == 0, String.format("%d as expected, lost %d, doubled %d", ok, lostN, doubledN), wrong);
    }

    private List<JsonNode> pages(String base, Supplier<String> token) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            BenchHttp.Resp r = http.read(base + (base.contains("?") ? "&" : "?") + "size=500&page=" + page, token);
            JsonNode json = r.json();
            json.path("items").forEach(items::add);
            if (json.path("items").size() < 500) {
                break;
            }
        }
        return items;
    }

    void grants() {
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> applications = new HashMap<>();
        for (JsonNode a : pages(url(BenchTarget.GRANTS, "/api/v1/grant-programs/" + w.grantProgram + "/applications"),
                () -> http.http.demoToken("grant.officer"))) {
            applications.merge(a.path("ori").asText(), 1, Integer::sum);
        }
        Set<String> awards = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode a : pages(url(BenchTarget.GRANTS, "/api/v1/grant-awards?programId=" + w.grantProgram),
                () -> http.http.demoToken("grant.officer"))) {
            awards.add(a.path("id").asText());
            sum = sum.add(new BigDecimal(a.path("amount").asText("0")));
        }
        long appLost = 0, appDoubled = 0, awardLost = 0;
        Set<String> expectedAwards = new HashSet<>();
        for (Workload.AgencyState a : w.agencies) {
            if (a.grantsUncertain) {
                continue;
            }
            int n = applications.getOrDefault(a.ori, 0);
            int expected = a.applicationId == null ? 0 : 1;
            if (n > expected) {
                appDoubled += n - expected;
                wrong.add(a.ori + " " + n + " applications");
            } else if (n < expected) {
                appLost++;
                wrong.add(a.ori + " application lost");
            }
            if (a.awardId != null) {
                expectedAwards.add(a.awardId);
                if (!awards.contains(a.awardId)) {
                    awardLost++;
                    wrong.add(a.ori + " award lost " + a.awardId);
                }
            }
        }
        long uncertainAwards = w.agencies.stream().filter(a -> a.grantsUncertain).count();
        long awardDoubled = awards.stream().filter(id -> !expectedAwards.contains(id)).count();
        if (uncertainAwards == 0 && awardDoubled > 0) {
            wrong.add(awardDoubled + " award(s) no 2xx answered");
        } else {
            awardDoubled = 0;
        }
        boolean withinAppropriation = sum.compareTo(w.appropriation) <= 0;
        if (!withinAppropriation) {
            wrong.add("awarded " + sum + " > appropriation " + w.appropriation);
        }
        add("grant applications and awards", appLost + appDoubled + awardLost + awardDoubled == 0 && withinAppropriation,
                String.format("%d applications, %d awards (%s of %s appropriated), lost %d, doubled %d",
                        applications.values().stream().mapToInt(Integer::intValue).sum(), awards.size(),
                        sum.toPlainString(), w.appropriation.toPlainString(), appLost + awardLost, appDoubled + awardDoubled),
                wrong);
        lost += appLost + awardLost;
        doubled += appDoubled + awardDoubled;
    }

    // ------------------------------------------------------------------ topics

    void order() {
        List<String> wrong = new ArrayList<>();
        Map<String, Workload.AgencyState> byOri = new HashMap<>();
        w.agencies.forEach(a -> byOri.put(a.ori, a));
        Map<String, List<String>> seen = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        long redelivered = 0;
        for (ConsumerRecord<String, String> r : kafka.readAll(Topics.CREDENTIALING_EVENTS,
                key -> byOri.containsKey(key) || w.bodyEvents.containsKey(key))) {
            String type = SoakKafka.header(r, "ce_type");
            if (type == null || (!byOri.containsKey(r.key()) && !w.bodyEvents.containsKey(r.key()))) {
                continue;
            }
            if (!ids.add(SoakKafka.header(r, "ce_id"))) {
                redelivered++;
                continue;
            }
            JsonNode data;
            try {
                data = BenchHttp.JSON.readTree(r.value());
            } catch (Exception e) {
                continue; // the soak's own poison
            }
            String shortType = type.substring(type.lastIndexOf('.') + 1);
            if (type.startsWith("org.safepolicing.credentialing.credential.")) {
                seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(shortType + ":" + data.path("credentialId").asText());
            } else if (type.startsWith("org.safepolicing.credentialing.body.")) {
                seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(shortType);
            }
        }
        long agenciesChecked = 0, events = 0;
        for (Workload.AgencyState a : w.agencies) {
            if (!a.registered || a.credentialUncertain) {
                continue;
            }
            agenciesChecked++;
            List<String> actual = seen.getOrDefault(a.ori, List.of());
            events += actual.size();
            if (!actual.equals(a.credentialEvents)) {
                wrong.add(a.ori + " topic " + actual + " != made " + a.credentialEvents);
            }
        }
        long bodiesChecked = 0;
        for (var e : w.bodyEvents.entrySet()) {
            if (e.getValue().contains("?")) {
                continue;
            }
            bodiesChecked++;
            List<String> actual = seen.getOrDefault(e.getKey(), List.of());
            events += actual.size();
            if (!actual.equals(e.getValue())) {
                wrong.add("body " + e.getKey() + " topic " + actual + " != made " + e.getValue());
            }
        }
        add("per-agency order on " + Topics.CREDENTIALING_EVENTS, wrong.isEmpty(), String.format(
                "%d agencies and %d bodies: %d events, each change once and in the order made (%d redelivered copies)",
                agenciesChecked, bodiesChecked, events, redelivered), wrong);
        if (!wrong.isEmpty()) {
            orderBroken = wrong.size();
        }
    }

    long orderBroken;

    void eligibilityHistory() {
        Set<String> soak = new HashSet<>();
        w.agencies.forEach(a -> soak.add(a.ori));
        Map<String, String> lastPair = new HashMap<>();
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        long events = 0, redelivered = 0, repeated = 0;
        for (ConsumerRecord<String, String> r : kafka.readAll(Topics.GRANTS_ELIGIBILITY, soak::contains)) {
            if (!soak.contains(r.key())) {
                continue;
            }
            if (!ids.add(SoakKafka.header(r, "ce_id"))) {
                redelivered++;
                continue;
            }
            JsonNode answer;
            try {
                answer = BenchHttp.JSON.readTree(r.value());
            } catch (Exception e) {
                continue;
            }
            if (answer.path("grantProgramId").isTextual()) {
                continue;
            }
            events++;
            StringBuilder pair = new StringBuilder();
            for (JsonNode rule : answer.path("rules")) {
                pair.append(rule.path("rule").asText()).append('=').append(rule.path("outcome").asText()).append('/')
                        .append(rule.path("decidedByEventId").asText("-")).append(' ');
            }
            String previous = lastPair.put(r.key(), pair.toString());
            if (pair.toString().equals(previous)) {
                repeated++;
                wrong.add(r.key() + " answered twice: " + pair);
            }
        }
        add("eligibility history on " + Topics.GRANTS_ELIGIBILITY, repeated == 0, String.format(
                "%d answers for the soak's agencies, none repeated for the same deciding events (%d redelivered copies)",
                events, redelivered), wrong);
        doubled += repeated;
    }

    void finalAnswers() {
        List<String> wrong = wrongAnswers(Integer.MAX_VALUE);
        long checked = w.agencies.stream().filter(a -> a.registered && !a.credentialUncertain).count();
        add("grants' answers follow the upstream state", wrong.isEmpty(), String.format(
                "%d agencies: Sec. 2(b) PASS exactly where a credential is open from a CERTIFIED body, Sec. 3(d) decided by records' standing; %d not",
                checked, wrong.size()), wrong);
    }

    /**
     * Grants' answers equal a fresh rebuild from the topics: each soak agency's eligibility (every rule's outcome and
     * deciding event) is read, grants rebuilds its projections from its input topics (the admin endpoint; it replays
     * everything and publishes its answers again, so this check runs after those that read the eligibility topic), and
     * once its groups are back at the end and its outbox is empty the answers are read again and compared.
     */
    void rebuildMatches(int maxSeconds) throws Exception {
        List<Workload.AgencyState> agencies = w.agencies.stream().filter(a -> a.registered).toList();
        Map<String, String> before = new LinkedHashMap<>();
        for (Workload.AgencyState a : agencies) {
            before.put(a.ori, answers(a.ori));
        }
        List<String> inputs = List.of(Topics.AGENCY_REGISTRY, Topics.CREDENTIALING_EVENTS, Topics.RECORDS_REPORTING,
                Topics.CORESPONDER_EVENTS);
        long t0 = System.nanoTime();
        BenchHttp.Resp started = http.http.post(url(BenchTarget.GRANTS, "/api/v1/admin/projection/rebuild?confirm=true"),
                http.http.demoToken("doj.admin"), "{}");
        if (started.status() != 202) {
            add("grants' answers equal a fresh rebuild from the topics", false, "the rebuild was answered "
                    + started.status() + " " + started.body(), List.of());
            return;
        }
        // the projection and the answers were emptied before the 202: an answer equal to the one before is re-decided
        List<String> differ = List.of("not compared");
        long deadline = t0 + maxSeconds * 1_000_000_000L;
        double seconds = -1;
        while (System.nanoTime() < deadline) {
            Long pending = outboxPending(BenchTarget.GRANTS);
            if (kafka.lag(BenchTarget.GRANTS, inputs).isEmpty() && pending != null && pending == 0) {
                differ = new ArrayList<>();
                for (var e : before.entrySet()) {
                    String after = answers(e.getKey());
                    if (!after.equals(e.getValue())) {
                        differ.add(e.getKey() + " before [" + e.getValue() + "] after [" + after + "]");
                    }
                }
                if (differ.isEmpty()) {
                    seconds = (System.nanoTime() - t0) / 1e9;
                    break;
                }
            }
            SoakHttp.sleep(1_000);
        }
        add("grants' answers equal a fresh rebuild from the topics", differ.isEmpty(), differ.isEmpty()
                ? String.format(java.util.Locale.ROOT, "%d agencies: every rule's outcome and deciding event the same"
                + " after grants emptied its projection and answers and replayed its input topics (%.1f s)",
                before.size(), seconds)
                : String.format(java.util.Locale.ROOT, "%d of %d agencies differ %d s after the rebuild began",
                differ.size(), before.size(), maxSeconds), differ);
    }

    /** One agency's eligibility at grants as text: each rule's outcome and deciding event, in the answer's order. */
    private String answers(String ori) {
        BenchHttp.Resp r = http.http.get(url(BenchTarget.GRANTS, "/api/v1/agencies/" + ori + "/eligibility"),
                http.http.demoToken("grant.officer"));
        if (!r.ok()) {
            return "HTTP " + r.status();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode rule : r.json().path("rules")) {
            text.append(rule.path("rule").asText()).append('=').append(rule.path("outcome").asText()).append('/')
                    .append(rule.path("decidedBy").path("eventId").asText("-")).append(' ');
        }
        return text.toString().trim();
    }

    void outboxes() {
        List<String> wrong = new ArrayList<>();
        StringBuilder figures = new StringBuilder();
        for (String s : BenchTarget.SERVICES) {
            Long pending = outboxPending(s);
            figures.append(s.replace("-service", "")).append(' ').append(pending).append("; ");
            if (pending == null || pending != 0) {
                wrong.add(s + " outboxPending " + pending);
            }
        }
        add("no row stuck in an outbox", wrong.isEmpty(), "outboxPending: " + figures, wrong);
    }

    void deadLetters(Instant since, List<RecordMetadata> poison) {
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> parked = new HashMap<>();
        long others = 0;
        for (String service : BenchTarget.SERVICES) {
            for (ConsumerRecord<String, String> r : kafka.readAll(Topics.deadLetter(service))) {
                if (r.timestamp() < since.toEpochMilli()) {
                    continue;
                }
                String origin = SoakKafka.header(r, "dead-letter-topic") + "/" + SoakKafka.header(r, "dead-letter-partition")
                        + "/" + SoakKafka.header(r, "dead-letter-offset");
                boolean ours = poison.stream().anyMatch(m -> origin.equals(m.topic() + "/" + m.partition() + "/" + m.offset()));
                if (ours) {
                    parked.merge(origin, 1, Integer::sum);
                } else {
                    others++;
                    wrong.add(service + " dead-lettered " + origin + " key " + r.key() + ": "
                            + SoakKafka.header(r, "dead-letter-reason"));
                }
            }
        }
        for (RecordMetadata m : poison) {
            int n = parked.getOrDefault(m.topic() + "/" + m.partition() + "/" + m.offset(), 0);
            if (n != 1) {
                wrong.add("poison " + m + " dead-lettered " + n + " times");
            }
        }
        add("dead-letter topics hold only the poison", wrong.isEmpty(), String.format(
                "%d poison records sent, %d dead-lettered, %d other dead letters", poison.size(),
                parked.values().stream().mapToInt(Integer::intValue).sum(), others), wrong);
    }

    void audit() {
        List<String> wrong = new ArrayList<>();
        long rows = 0;
        for (String s : BenchTarget.SERVICES) {
            BenchHttp.Resp r = http.read(url(s, "/api/v1/audit/verification"), () -> http.http.demoToken("auditor"));
            JsonNode v = r.status() == 200 ? r.json() : BenchHttp.JSON.createObjectNode();
            if (!v.path("intact").asBoolean()) {
                wrong.add(s + " HTTP " + r.status() + " " + r.body());
            }
            rows += v.path("rowsChecked").asLong();
        }
        add("audit chains verify", wrong.isEmpty(), rows + " rows checked in 4 chains", wrong);
    }

    private static final class BenchHttpAbbrev {
        static String of(String s) {
            return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
        }
    }

    ObjectNode json() {
        ObjectNode o = BenchHttp.JSON.createObjectNode();
        for (Check c : checks) {
            ObjectNode n = o.putObject(c.name());
            n.put("passed", c.passed());
            n.put("figures", c.figures());
            n.set("wrong", BenchHttp.JSON.valueToTree(c.wrong()));
        }
        return o;
    }
}
