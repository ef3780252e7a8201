package org.safepolicing.systemtests.bench;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.Topics;

/** The measuring parts of {@link SuiteBench}. */
final class Parts {

    private static final List<String> STATES = Ori.STATE_CODES.stream().filter(s -> s.length() == 2).sorted().toList();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BENCH_ORI = "VABENCH00";

    private final SuiteBench bench;
    private final BenchTarget.Size size;
    private final BenchHttp http;
    private final BenchKafka kafka;
    /** A registered bench agency (its token runs the hiring checks and the authenticated reads). */
    private volatile String anAgency;

    Parts(SuiteBench bench) {
        this.bench = bench;
        this.size = bench.target.size();
        this.http = bench.http;
        this.kafka = bench.kafka;
    }

    private String url(String service, String path) {
        return bench.target.url(service) + path;
    }

    private String admin() {
        return http.demoToken("doj.admin");
    }

    static String ori(String infix, int i) {
        return STATES.get(i % STATES.size()) + infix + String.format(Locale.ROOT, "%05d", i);
    }

    /** Runs {@code work} on every item, {@code threads} at a time; the first failure is thrown. */
    static <T> void parallel(int threads, Collection<T> items, Consumer<T> work) throws Exception {
        Semaphore permits = new Semaphore(threads);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                permits.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        work.accept(item);
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private void register(String ori, String admin, boolean mayExist) {
        BenchHttp.Resp r = http.post(url(BenchTarget.CREDENTIALING, "/api/v1/agencies"), admin, SuiteBench.map(
                "ori", ori, "name", "Bench Agency " + ori, "type", "LOCAL_MUNICIPAL", "state", ori.substring(0, 2),
                "county", "Bench County", "swornOfficers", 80, "populationServed", 50_000, "urbanRural", "RURAL"));
        if (mayExist) {
            r.expect("register " + ori, 201, 409);
        } else {
            r.expect("register " + ori, 201);
        }
    }

    private double metric(String service, String name) {
        BenchHttp.Resp r = http.get(url(service, "/q/metrics"), null).expect(service + " metrics", 200);
        return r.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private long grantsLag() throws Exception {
        return kafka.lag(kafka.groupsOf(BenchTarget.GRANTS), BenchKafka.grantsInputs());
    }

    /** Waits (bounded) until grants has consumed everything on its input topics; returns whether it has. */
    private boolean awaitGrantsQuiet(int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (metric(BenchTarget.CREDENTIALING, "outbox_events_pending") == 0 && grantsLag() == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    // ------------------------------------------------------------------ sweep

    private static final class AgencyState {
        final ReentrantLock lock = new ReentrantLock(true);
        String credential;
    }

    private record Change(String credentialId, String type) {
    }

    ObjectNode sweep() throws Exception {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        String admin = admin();
        String body = http.post(url(BenchTarget.CREDENTIALING, "/api/v1/bodies"), admin, SuiteBench.map(
                        "name", "Bench Body " + UUID.randomUUID().toString().substring(0, 8),
                        "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"),
                        "addresses", Map.of("useOfForcePoliciesAndTraining", "policies and training reviewed on site",
                                "deEscalationPoliciesAndTraining", "de-escalation curriculum assessed",
                                "earlyWarningSystems", "early intervention system assessed",
                                "communityEngagement", "community engagement plan assessed"),
                        "confirmsMandatoryStandards", true))
                .expect("body application", 201).json().path("id").asText();
        http.post(url(BenchTarget.CREDENTIALING, "/api/v1/bodies/" + body + "/certification"), admin,
                SuiteBench.map("termMonths", 36)).expect("certify body", 200, 201, 204);
        List<String> oris = new ArrayList<>();
        for (int i = 0; i < size.agencies(); i++) {
            oris.add(ori("BN", i));
        }
        long t = System.nanoTime();
        Map<String, AgencyState> states = new ConcurrentHashMap<>();
        parallel(8, oris, ori -> {
            BenchHttp.Resp r = http.post(url(BenchTarget.CREDENTIALING, "/api/v1/agencies"), admin(), SuiteBench.map(
                    "ori", ori, "name", "Bench Agency " + ori, "type", "LOCAL_MUNICIPAL", "state", ori.substring(0, 2),
                    "county", "Bench County", "swornOfficers", 80, "populationServed", 50_000, "urbanRural", "RURAL"))
                    .expect("register " + ori, 201, 409);
            String token = http.agencyToken(ori);
            AgencyState state = new AgencyState();
            if (r.status() == 409) { // a previous run's agency: withdraw first if it holds a sought credential
                for (JsonNode c : http.get(url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + ori + "/credentials"),
                        token).expect("credentials of " + ori, 200).json()) {
                    if ("SOUGHT".equals(c.path("status").asText())) {
                        state.credential = c.path("id").asText();
                    }
                }
            }
            states.put(ori, state);
        });
        anAgency = oris.get(0);
        n.put("agencies", oris.size());
        n.put("setupSeconds", Math.round((System.nanoTime() - t) / 1e8) / 10.0);
        boolean quiet = awaitGrantsQuiet(size.catchUpSeconds());
        n.put("quietBeforeSweep", quiet);
        List<org.apache.kafka.common.TopicPartition> credentialPartitions =
                kafka.partitions(Topics.CREDENTIALING_EVENTS);
        ArrayNode steps = n.putArray("steps");
        int offset = 0;
        try (BenchKafka.Watcher watcher = kafka.new Watcher()) {
            for (int rate : size.rates()) {
                ObjectNode step = steps.addObject();
                step.put("offeredPerSecond", rate);
                List<Change> changes = Collections.synchronizedList(new ArrayList<>());
                long lagBefore = grantsLag();
                int first = offset;
                Load.Result calls = Load.open(rate, size.stepSeconds(), i -> {
                    String ori = oris.get((first + i) % oris.size());
                    AgencyState s = states.get(ori);
                    s.lock.lock();
                    try {
                        String token = http.agencyToken(ori);
                        if (s.credential == null) {
                            BenchHttp.Resp r = http.post(url(BenchTarget.CREDENTIALING,
                                    "/api/v1/agencies/" + ori + "/credentials"), token, SuiteBench.map("bodyId", body));
                            if (r.status() == 201) {
                                s.credential = r.json().path("id").asText();
                                changes.add(new Change(s.credential, EventTypes.CREDENTIAL_SOUGHT));
                            }
                            return r.status();
                        }
                        BenchHttp.Resp r = http.post(url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + ori
                                + "/credentials/" + s.credential + "/withdrawal"), token, "{}");
                        if (r.ok()) {
                            changes.add(new Change(s.credential, EventTypes.CREDENTIAL_WITHDRAWN));
                            s.credential = null;
                        }
                        return r.status();
                    } finally {
                        s.lock.unlock();
                    }
                });
                offset += (int) Math.round(rate * (double) size.stepSeconds());
                long lagAfter = grantsLag();
                int unmatchedAtEnd = unmatched(watcher, changes);
                long drainStart = System.nanoTime();
                while (unmatched(watcher, changes) > 0
                        && System.nanoTime() - drainStart < size.drainSeconds() * 1_000_000_000L) {
                    Thread.sleep(100);
                }
                double drained = (System.nanoTime() - drainStart) / 1e9;
                // the raw broker, at the same rate, right after (same minute, same machine)
                List<Long> probe = kafka.probe(rate, size.probeSeconds(), credentialPartitions.size());
                stepFigures(step, rate, calls, changes, watcher, probe, lagBefore, lagAfter, unmatchedAtEnd, drained);
            }
        }
        return n;
    }

    private static int unmatched(BenchKafka.Watcher w, List<Change> changes) {
        int missing = 0;
        synchronized (changes) {
            for (Change c : changes) {
                BenchKafka.CredentialEvent e = w.byCredential.get(c.credentialId() + "|" + c.type());
                if (e == null || !w.decisions.containsKey(e.id())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private static long micros(Instant from, Instant to) {
        return ChronoUnit.MICROS.between(from, to);
    }

    private void stepFigures(ObjectNode step, int rate, Load.Result calls, List<Change> changes, BenchKafka.Watcher w,
                             List<Long> probe, long lagBefore, long lagAfter, int unmatchedAtEnd, double drained) {
        List<Long> total = new ArrayList<>();
        List<Long> relay = new ArrayList<>();
        List<Long> decide = new ArrayList<>();
        List<Long> grantsRelay = new ArrayList<>();
        List<Long> delivery = new ArrayList<>();
        synchronized (changes) {
            for (Change c : changes) {
                BenchKafka.CredentialEvent e = w.byCredential.get(c.credentialId() + "|" + c.type());
                BenchKafka.Decision d = e == null ? null : w.decisions.get(e.id());
                if (d == null) {
                    continue;
                }
                total.add(micros(e.written(), d.received()));
                relay.add(micros(e.written(), e.sent()));
                decide.add(micros(e.sent(), d.decided()));
                grantsRelay.add(micros(d.decided(), d.sent()));
                delivery.add(micros(d.sent(), d.received()));
            }
        }
        double p99 = Load.percentileMs(total, 0.99);
        double probeP99 = Load.percentileMs(probe, 0.99);
        double ratio = probeP99 > 0 ? p99 / probeP99 : Double.NaN;
        step.set("http", calls.json());
        step.put("achievedPerSecond", Load.round(calls.perSecond()));
        step.put("changes", changes.size());
        step.put("matched", total.size());
        step.put("eligibilityP50Ms", Load.round(Load.percentileMs(total, 0.5)));
        step.put("eligibilityP99Ms", Load.round(p99));
        step.put("eligibilityMaxMs", Load.round(Load.percentileMs(total, 1.0)));
        step.put("rawKafkaP50Ms", Load.round(Load.percentileMs(probe, 0.5)));
        step.put("rawKafkaP99Ms", Load.round(probeP99));
        step.put("rawKafkaRecords", probe.size());
        step.put("ratioP99", Load.round(ratio));
        step.put("unmatchedAtEndOfStep", unmatchedAtEnd);
        step.put("grantsLagBefore", lagBefore);
        step.put("grantsLagAfter", lagAfter);
        step.put("drainSeconds", Load.round(drained));
        ObjectNode stages = step.putObject("stagesMs");
        stages.put("credentialingRelayP50", Load.round(Load.percentileMs(relay, 0.5)));
        stages.put("credentialingRelayP99", Load.round(Load.percentileMs(relay, 0.99)));
        stages.put("grantsDecideP50", Load.round(Load.percentileMs(decide, 0.5)));
        stages.put("grantsDecideP99", Load.round(Load.percentileMs(decide, 0.99)));
        stages.put("grantsRelayP50", Load.round(Load.percentileMs(grantsRelay, 0.5)));
        stages.put("grantsRelayP99", Load.round(Load.percentileMs(grantsRelay, 0.99)));
        stages.put("deliveryP50", Load.round(Load.percentileMs(delivery, 0.5)));
        stages.put("deliveryP99", Load.round(Load.percentileMs(delivery, 0.99)));
        String target = rate == 20 ? "p99 ≤ 50 ms and ≤ 5× raw Kafka p99"
                : rate == 200 ? "p99 ≤ 150 ms, no growing backlog" : "";
        bench.row("sweep", rate + " changes/s offered", String.format(Locale.ROOT,
                "achieved %s/s (HTTP p99 %s); eligibility p50 %s, p99 %s, max %s (%d of %d matched); raw Kafka p99 %s,"
                        + " ratio p99 %s×; backlog at end of step %d changes, grants lag %d → %d, drained in %.1f s;"
                        + " stages p99: credentialing relay %s, grants decides %s, grants relay %s, delivery %s",
                Load.fmt(calls.perSecond()), Load.ms(calls.p(0.99)), Load.ms(Load.percentileMs(total, 0.5)),
                Load.ms(p99), Load.ms(Load.percentileMs(total, 1.0)), total.size(), changes.size(), Load.ms(probeP99),
                Double.isNaN(ratio) ? "-" : Load.fmt(ratio), unmatchedAtEnd, lagBefore, lagAfter, drained,
                Load.ms(Load.percentileMs(relay, 0.99)), Load.ms(Load.percentileMs(decide, 0.99)),
                Load.ms(Load.percentileMs(grantsRelay, 0.99)), Load.ms(Load.percentileMs(delivery, 0.99))), target);
    }

    // ------------------------------------------------------------------ import and catching up

    private String csv(int rows, int salt) {
        StringBuilder b = new StringBuilder(rows * 80);
        b.append("ori,name,type,state,county,sworn_officers,population_served,urban_rural\n");
        for (int i = 0; i < rows; i++) {
            String ori = ori("IM", i);
            b.append(ori).append(",Imported Agency ").append(ori).append(",LOCAL_MUNICIPAL,").append(ori, 0, 2)
                    .append(",Import County,").append(10 + (i + salt) % 5_000).append(',').append(20_000 + i)
                    .append(",URBAN\n");
        }
        return b.toString();
    }

    private record ImportRun(ObjectNode json, double importSeconds, Map<String, Double> caughtUp, long events) {
    }

    private ImportRun importAndCatchUp(int rows, int salt) throws Exception {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        for (String service : List.of(BenchTarget.RECORDS, BenchTarget.CORESPONDER, BenchTarget.GRANTS)) {
            groups.put(service, kafka.groupsOf(service));
            topics.put(service, service.equals(BenchTarget.GRANTS) ? BenchKafka.grantsInputs()
                    : Set.of(Topics.AGENCY_REGISTRY));
        }
        n.set("groups", BenchHttp.JSON.valueToTree(groups));
        long registryBefore = kafka.size(List.of(Topics.AGENCY_REGISTRY));
        String csv = csv(rows, salt);
        long t0 = System.nanoTime();
        BenchHttp.Resp r = http.send(http.request(url(BenchTarget.CREDENTIALING, "/api/v1/agencies/import"), admin())
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        r.expect("import of " + rows + " agencies", 200);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        long answered = System.nanoTime();
        n.put("rows", rows);
        n.put("importAnsweredSeconds", Load.round(importSeconds));
        n.set("importResult", r.json());
        Map<String, Double> caughtUp = new LinkedHashMap<>();
        Double outboxEmpty = null;
        Double grantsPublished = null;
        long deadline = answered + size.catchUpSeconds() * 1_000_000_000L;
        while (System.nanoTime() < deadline && (caughtUp.size() < groups.size() || grantsPublished == null)) {
            double now = (System.nanoTime() - answered) / 1e9;
            boolean outbox = metric(BenchTarget.CREDENTIALING, "outbox_events_pending") == 0;
            if (outbox && outboxEmpty == null) {
                outboxEmpty = now;
            }
            if (outbox) {
                for (String service : groups.keySet()) {
                    if (!caughtUp.containsKey(service) && !groups.get(service).isEmpty()
                            && kafka.lag(groups.get(service), topics.get(service)) == 0) {
                        caughtUp.put(service, Load.round(now));
                    }
                }
                if (caughtUp.containsKey(BenchTarget.GRANTS) && grantsPublished == null
                        && metric(BenchTarget.GRANTS, "outbox_events_pending") == 0) {
                    grantsPublished = Load.round(now);
                }
            }
            Thread.sleep(250);
        }
        long events = kafka.size(List.of(Topics.AGENCY_REGISTRY)) - registryBefore;
        n.put("registryEvents", events);
        double waited = (System.nanoTime() - answered) / 1e9;
        for (String service : groups.keySet()) {
            if (!caughtUp.containsKey(service) && !groups.get(service).isEmpty()) {
                // not caught up in time: how far it got, and at what rate
                long behind = kafka.lag(groups.get(service), topics.get(service));
                n.put(service + ".lagAtDeadline", behind);
                n.put(service + ".eventsPerSecondSoFar", Load.round(Math.max(0, events - behind) / waited));
            }
        }
        n.put("credentialingOutboxEmptySeconds", outboxEmpty == null ? -1 : Load.round(outboxEmpty));
        n.set("caughtUpSecondsAfterAnswer", BenchHttp.JSON.valueToTree(caughtUp));
        n.put("grantsOutboxEmptySeconds", grantsPublished == null ? -1 : grantsPublished);
        Double grants = caughtUp.get(BenchTarget.GRANTS);
        if (grants != null && grants > 0) {
            n.put("grantsEventsPerSecond", Load.round(events / grants));
        }
        return new ImportRun(n, importSeconds, caughtUp, events);
    }

    ObjectNode importCsv() throws Exception {
        // a salt per second: two imports in one minute must still change every row (each row an event)
        int salt = (int) (Instant.now().getEpochSecond() % 4_999) + 1;
        ImportRun run = importAndCatchUp(size.importRows(), salt);
        ObjectNode n = run.json();
        String caught = run.caughtUp().isEmpty() ? "not caught up within " + size.catchUpSeconds() + " s"
                : String.join(", ", run.caughtUp().entrySet().stream()
                        .map(e -> e.getKey().replace("-service", "") + " " + e.getValue() + " s").toList());
        Double grants = run.caughtUp().get(BenchTarget.GRANTS);
        int missing = 3 - run.caughtUp().size();
        bench.row("import", String.format(Locale.ROOT, "%,d-agency CSV import", size.importRows()),
                String.format(Locale.ROOT, "answered in %.1f s (%,d registry events); caught up after the answer: %s%s;"
                                + " credentialing's outbox empty after %.1f s; grants consumed %s events/s",
                        run.importSeconds(), run.events(), caught,
                        missing > 0 ? " (not within " + size.catchUpSeconds() + " s: " + String.join(", ",
                                List.of(BenchTarget.RECORDS, BenchTarget.CORESPONDER, BenchTarget.GRANTS).stream()
                                        .filter(x -> n.has(x + ".lagAtDeadline")).map(x -> x.replace("-service", "")
                                                + " " + n.path(x + ".lagAtDeadline").asLong() + " behind, "
                                                + n.path(x + ".eventsPerSecondSoFar").asDouble() + " events/s")
                                        .toList()) + ")" : "",
                        n.path("credentialingOutboxEmptySeconds").asDouble(),
                        grants == null ? "-" : Load.fmt(run.events() / Math.max(grants, 0.001))),
                "all caught up ≤ 30 s after the answer; grants ≥ 2,000 events/s");
        return n;
    }

    // ------------------------------------------------------------------ rebuild

    ObjectNode rebuild() throws Exception {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        Set<String> inputs = BenchKafka.grantsInputs();
        long events = kafka.size(inputs);
        ArrayNode topUps = n.putArray("topUpImports");
        int salt = (int) (Instant.now().getEpochSecond() % 4_999) + 7;
        while (events < size.rebuildEvents() && topUps.size() < 8) {
            // more genuine events: the import again, each agency's sworn officers changed (agency.updated)
            long t = System.nanoTime();
            http.send(http.request(url(BenchTarget.CREDENTIALING, "/api/v1/agencies/import"), admin())
                    .timeout(Duration.ofMinutes(10)).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv(size.importRows(), salt += 11))).build())
                    .expect("top-up import", 200);
            topUps.add(Load.round((System.nanoTime() - t) / 1e9));
            while (metric(BenchTarget.CREDENTIALING, "outbox_events_pending") > 0) {
                Thread.sleep(250);
            }
            events = kafka.size(inputs);
        }
        List<String> groups = kafka.groupsOf(BenchTarget.GRANTS);
        if (!awaitGrantsQuiet(size.catchUpSeconds())) {
            n.put("note", "grants had not caught up before the rebuild");
        }
        n.put("events", events);
        long eligibilityBefore = kafka.size(List.of(Topics.GRANTS_ELIGIBILITY));
        long t0 = System.nanoTime();
        http.post(url(BenchTarget.GRANTS, "/api/v1/admin/projection/rebuild?confirm=true"), admin(), "{}")
                .expect("rebuild", 202);
        boolean rewound = false;
        long lastGrowth = t0;
        long lastEligibility = eligibilityBefore;
        Double done = null;
        long deadline = t0 + size.catchUpSeconds() * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long lag = kafka.lag(groups, inputs);
            rewound |= lag > 0;
            long eligibility = kafka.size(List.of(Topics.GRANTS_ELIGIBILITY));
            if (eligibility != lastEligibility) {
                lastEligibility = eligibility;
                lastGrowth = now;
            }
            boolean outboxEmpty = metric(BenchTarget.GRANTS, "outbox_events_pending") == 0;
            if (lag == 0 && outboxEmpty && (rewound || now - t0 > 10_000_000_000L)
                    && now - lastGrowth > 2_000_000_000L) {
                // the last answer republished; with none, the moment the group was back at the end (2 s ago)
                done = lastGrowth > t0 ? (lastGrowth - t0) / 1e9 : (now - t0) / 1e9 - 2.0;
                break;
            }
            Thread.sleep(200);
        }
        long republished = kafka.size(List.of(Topics.GRANTS_ELIGIBILITY)) - eligibilityBefore;
        if (done == null) {
            long behind = kafka.lag(groups, inputs);
            n.put("lagAtDeadline", behind);
            n.put("eventsPerSecondSoFar", Load.round((events - behind) / (double) size.catchUpSeconds()));
        }
        n.put("rewindObserved", rewound);
        n.put("answersRepublished", republished);
        n.put("seconds", done == null ? -1 : Load.round(done));
        if (done != null && done > 0) {
            n.put("eventsPerSecond", Load.round(events / done));
        }
        bench.row("rebuild", String.format(Locale.ROOT, "rebuild of %,d events", events),
                done == null ? "not finished within " + size.catchUpSeconds() + " s (" + n.path("lagAtDeadline").asLong()
                        + " events still to replay: " + n.path("eventsPerSecondSoFar").asDouble() + " events/s)"
                        : String.format(Locale.ROOT, "%.1f s (%s events/s; %,d answers republished%s)", done,
                        Load.fmt(events / Math.max(done, 0.001)), republished,
                        rewound ? "" : "; the group's rewind was not seen"),
                "100,000 events ≤ 60 s");
        return n;
    }

    // ------------------------------------------------------------------ hiring checks

    private static final String[] FIRST = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael",
            "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra",
            "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
            "Kenneth", "Carol"};
    private static final String[] SYLLABLES = {"har", "wel", "son", "mor", "gan", "ber", "ton", "ley", "ric", "man",
            "dal", "ker", "vin", "ros", "tel", "bro", "ald", "wick", "ham", "ford", "lin", "cas", "per", "sto", "mit",
            "chel", "nor", "gar", "wes", "ter"};

    /**
     * Officer i's first name. Names are drawn from a mix of i (SplitMix64's finalizer), so the about 68 officers who
     * share a birth date have unrelated names, as in a real roster: drawn from i itself, they all had the same first
     * name and two syllables of the last, and a name check matched 16 of them on average.
     */
    static String firstName(int i) {
        return FIRST[(int) Long.remainderUnsigned(mix(i), FIRST.length)];
    }

    static String lastName(int i) {
        long h = mix(i) >>> 16;
        String s = SYLLABLES[(int) (h % 30)] + SYLLABLES[(int) (h / 30 % 30)] + SYLLABLES[(int) (h / 900 % 30)];
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static long mix(int i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static LocalDate birth(int i) {
        return LocalDate.of(1960, 1, 1).plusDays(Math.floorMod(i * 7_919L, 14_600L));
    }

    /** records-service's Soundex (NameKey): the key its name checks narrow by. */
    static String soundex(String name) {
        String codes = "01230120022455012623010202";
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (s.isEmpty()) {
            return "0000";
        }
        StringBuilder out = new StringBuilder().append(Character.toUpperCase(s.charAt(0)));
        char last = codes.charAt(s.charAt(0) - 'a');
        for (int i = 1; i < s.length() && out.length() < 4; i++) {
            char c = s.charAt(i);
            char code = codes.charAt(c - 'a');
            if (code != '0' && code != last) {
                out.append(code);
            }
            if (c != 'h' && c != 'w') {
                last = code;
            }
        }
        while (out.length() < 4) {
            out.append('0');
        }
        return out.toString();
    }

    private static UUID officerId(int i) {
        return UUID.nameUUIDFromBytes(("suite-bench-officer-" + i).getBytes());
    }

    /**
     * Bench officers (created by the bench ORI {@value #BENCH_ORI}, certification numbers BENCH-i) and misconduct
     * records (submitted by suite-bench, on every tenth officer), written by COPY straight into records' database; a
     * later run adds only what is missing (nothing officer-level can be deleted there).
     */
    private ObjectNode seed(int officers, int records) throws Exception {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        long t = System.nanoTime();
        try (Connection c = DriverManager.getConnection(bench.target.postgresJdbcBase() + "records",
                bench.target.postgresUser(), bench.target.postgresPassword())) {
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            int haveOfficers = count(c, "select count(*) from officer where created_by_ori = '" + BENCH_ORI + "'");
            if (haveOfficers > 0 && !namedAsNow(c)) {
                n.put("officersRenamed", rename(c, copy, haveOfficers));
            }
            String now = Instant.now().toString();
            for (int from = haveOfficers; from < officers; from += 100_000) {
                StringBuilder b = new StringBuilder();
                for (int i = from; i < Math.min(officers, from + 100_000); i++) {
                    String first = firstName(i);
                    String last = lastName(i);
                    b.append(officerId(i)).append(',').append(first).append(',').append(last).append(',')
                            .append(birth(i)).append(',').append(STATES.get(i % STATES.size())).append(",BENCH-")
                            .append(i).append(',').append((first + " " + last).toLowerCase(Locale.ROOT)).append(',')
                            .append(soundex(last)).append(',').append(BENCH_ORI).append(',').append(now).append('\n');
                }
                copy.copyIn("COPY officer (id, first_name, last_name, date_of_birth, state, certification_number,"
                        + " name_normalized, last_name_key, created_by_ori, created_at) FROM STDIN (FORMAT csv)",
                        new StringReader(b.toString()));
            }
            int haveRecords = count(c, "select count(*) from misconduct_record where submitted_by = 'suite-bench'");
            for (int from = haveRecords; from < records; from += 50_000) {
                StringBuilder b = new StringBuilder();
                for (int j = from; j < Math.min(records, from + 50_000); j++) {
                    b.append(UUID.nameUUIDFromBytes(("suite-bench-record-" + j).getBytes())).append(',')
                            .append(officerId(j * 10)).append(',').append(BENCH_ORI)
                            .append(",TERMINATION,2020-01-15,bench record,2020-02-01,2020-02-10,true,2020-03-01,"
                                    + "sustained,EXHAUSTED,ACTIVE,2020-Q1,").append(now).append(",suite-bench,")
                            .append(now).append('\n');
                }
                copy.copyIn("COPY misconduct_record (id, officer_id, submitting_ori, category, incident_date, summary,"
                        + " notice_date, response_date, hearing_held, final_adjudication_date, adjudication,"
                        + " appeal_status, status, reporting_period, submitted_at, submitted_by, updated_at)"
                        + " FROM STDIN (FORMAT csv)", new StringReader(b.toString()));
            }
            try (Statement s = c.createStatement()) {
                s.execute("analyze officer");
                s.execute("analyze misconduct_record");
            }
            n.put("officersAdded", Math.max(0, officers - haveOfficers));
            n.put("recordsAdded", Math.max(0, records - haveRecords));
            n.put("officersInDatabase", count(c, "select count(*) from officer"));
            n.put("recordsInDatabase", count(c, "select count(*) from misconduct_record"));
        }
        n.put("seedSeconds", Math.round((System.nanoTime() - t) / 1e8) / 10.0);
        return n;
    }

    /** Whether the bench officers in the database carry the names {@link #firstName} and {@link #lastName} give. */
    private static boolean namedAsNow(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("select first_name, last_name from officer where id = ?")) {
            s.setObject(1, officerId(1)); // officer 0 had the same name before
            try (ResultSet r = s.executeQuery()) {
                return !r.next() || (r.getString(1).equals(firstName(1)) && r.getString(2).equals(lastName(1)));
            }
        }
    }

    /** Gives the bench officers seeded by an earlier version of the bench today's names (once; about a minute). */
    private static int rename(Connection c, CopyManager copy, int seeded) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("create temporary table bench_names (id uuid primary key, first_name text, last_name text,"
                    + " name_normalized text, last_name_key text)");
            for (int from = 0; from < seeded; from += 100_000) {
                StringBuilder b = new StringBuilder();
                for (int i = from; i < Math.min(seeded, from + 100_000); i++) {
                    String first = firstName(i);
                    String last = lastName(i);
                    b.append(officerId(i)).append(',').append(first).append(',').append(last).append(',')
                            .append((first + " " + last).toLowerCase(Locale.ROOT)).append(',').append(soundex(last))
                            .append('\n');
                }
                copy.copyIn("COPY bench_names FROM STDIN (FORMAT csv)", new StringReader(b.toString()));
            }
            int renamed = s.executeUpdate("""
                    update officer o set first_name = b.first_name, last_name = b.last_name,
                                         name_normalized = b.name_normalized, last_name_key = b.last_name_key
                    from bench_names b where o.id = b.id""");
            s.execute("drop table bench_names");
            return renamed;
        }
    }

    private static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private String agencyForReads() {
        if (anAgency == null) {
            String ori = ori("BN", 0);
            register(ori, admin(), true);
            anAgency = ori;
        }
        return anAgency;
    }

    ObjectNode hiring() throws Exception {
        int officers = Math.max(size.officers(), size.records() * 10);
        ObjectNode n = seed(officers, size.records());
        String ori = agencyForReads();
        String checks = url(BenchTarget.RECORDS, "/api/v1/agencies/" + ori + "/checks");
        http.agencyToken(ori);
        Load.Result result = Load.open(size.checkRate(), size.checkSeconds(), i -> {
            int officer = Math.floorMod(i * 7_919 + 13, officers);
            if (i % 2 == 0) {
                officer = officer / 10 * 10; // one with a record, disclosed (and accounted for)
            }
            Object body = i % 4 < 2
                    ? SuiteBench.map("purpose", "HIRING", "state", STATES.get(officer % STATES.size()),
                    "certificationNumber", "BENCH-" + officer)
                    : SuiteBench.map("purpose", "HIRING", "firstName", firstName(officer),
                    "lastName", lastName(officer), "dateOfBirth", birth(officer).toString());
            return http.post(checks, http.agencyToken(ori), body).status();
        });
        n.set("checks", result.json());
        n.put("ratePerSecond", size.checkRate());
        bench.row("hiring", String.format(Locale.ROOT, "hiring checks at %d/s, %,d officers / %,d records",
                        size.checkRate(), n.path("officersInDatabase").asInt(), n.path("recordsInDatabase").asInt()),
                String.format(Locale.ROOT, "p50 %s, p99 %s, max %s; %s (half by certification number, half by name"
                                + " and date of birth; half of them disclose a record)", Load.ms(result.p(0.5)),
                        Load.ms(result.p(0.99)), Load.ms(result.p(1.0)), result.summary()),
                "p99 ≤ 20 ms at 200 checks/s");
        return n;
    }

    // ------------------------------------------------------------------ HTTP load

    ObjectNode reads() throws Exception {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        String ori = agencyForReads();
        String agencyToken = http.agencyToken(ori);
        String adminToken = admin();
        record Endpoint(String name, String url, String token) {
        }
        List<Endpoint> endpoints = List.of(
                new Endpoint("public GET credentialing /api/v1/public/credentialed-agencies?size=20",
                        url(BenchTarget.CREDENTIALING, "/api/v1/public/credentialed-agencies?size=20"), null),
                new Endpoint("authenticated GET grants /api/v1/agencies/{ori}/eligibility (agency user)",
                        url(BenchTarget.GRANTS, "/api/v1/agencies/" + ori + "/eligibility"), agencyToken),
                new Endpoint("authenticated GET credentialing /api/v1/agencies/{ori} (DOJ admin)",
                        url(BenchTarget.CREDENTIALING, "/api/v1/agencies/" + ori), adminToken));
        for (Endpoint e : endpoints) {
            HttpRequest request = http.request(e.url(), e.token()).GET().build();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            if (e.token() != null) {
                headers.put("Authorization", "Bearer " + e.token());
            }
            HttpLoad.Figures r = HttpLoad.run(HttpLoad.Spec.get(e.url(), headers), i -> http.send(request).status(),
                    size.connections(), size.loadSeconds());
            ObjectNode j = r.json();
            j.put("endpoint", e.name());
            j.put("connections", size.connections());
            n.withArray("endpoints").add(j);
            bench.row("reads", e.name() + ", " + size.connections() + " connections", r.summary(),
                    e.name().startsWith("public") ? "≥ 3,000 req/s, p99 ≤ 20 ms" : "");
        }
        return n;
    }

    ObjectNode writes() throws Exception {
        String adminToken = admin();
        String agencies = url(BenchTarget.CREDENTIALING, "/api/v1/agencies");
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        // each request a new ORI: a state, W and six random letters or digits (the same in Java and in wrk's Lua)
        String prelude = "local states = {" + STATES.stream().map(HttpLoad::lua).collect(Collectors.joining(","))
                + "}\nlocal chars = " + HttpLoad.lua(chars) + "\n" + """
                function new_agency()
                  local ori = states[math.random(#states)] .. "W"
                  for k = 1, 6 do local c = math.random(#chars); ori = ori .. chars:sub(c, c) end
                  return '{"ori":"' .. ori .. '","name":"Bench Write ' .. ori .. '","type":"LOCAL_MUNICIPAL","state":"'
                    .. ori:sub(1, 2) .. '","county":"Bench County","swornOfficers":12,"populationServed":9000,'
                    .. '"urbanRural":"RURAL"}'
                end
                """;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + adminToken);
        HttpLoad.Figures r = HttpLoad.run(new HttpLoad.Spec("POST", agencies, headers, prelude, "new_agency()"), i -> {
            StringBuilder ori = new StringBuilder(STATES.get(RANDOM.nextInt(STATES.size()))).append('W');
            for (int k = 0; k < 6; k++) {
                ori.append(chars.charAt(RANDOM.nextInt(chars.length())));
            }
            return http.post(agencies, adminToken, SuiteBench.map("ori", ori.toString(), "name",
                    "Bench Write " + ori, "type", "LOCAL_MUNICIPAL", "state", ori.substring(0, 2), "county",
                    "Bench County", "swornOfficers", 12, "populationServed", 9_000, "urbanRural", "RURAL")).status();
        }, 16, size.loadSeconds());
        ObjectNode n = r.json();
        n.put("connections", 16);
        bench.row("writes", "POST credentialing /api/v1/agencies (register), 16 connections", r.summary(),
                "≥ 500 req/s, p99 ≤ 50 ms");
        return n;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
