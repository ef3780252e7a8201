package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.stack.KafkaTopics;

/**
 * What the tests do to the running suite, the way its users and partners do it: REST calls with tokens that Keycloak
 * issued, agency users created through Keycloak's admin API, and reads of the topics. Every wait is bounded by
 * {@link #EVENTUALLY}.
 */
final class Suite {

    /** The longest any asynchronous effect may take. */
    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    static final String SEC_2B = "SEC_2B_CREDENTIAL";
    static final String SEC_3D = "SEC_3D_REPORTING";
    static final String DEMO_PASSWORD = "demo1234";
    static final String GRANTS_GROUP = "grants-service";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ORI_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    final SystemStack stack;
    final KafkaTopics kafka;

    Suite() {
        stack = SystemStack.get();
        kafka = new KafkaTopics(stack.kafkaBootstrap());
    }

    /** An agency of the test's own: an ORI never used before, its Keycloak user (agency-user, ori claim). */
    record Agency(String ori, String username, String password) {
    }

    // ------------------------------------------------------------------ tokens and users

    /** An access token from Keycloak (password grant, public client safe-policing-cli), reused while it is fresh. */
    String token(String username, String password) {
        CachedToken cached = TOKENS.get(username);
        if (cached != null && cached.obtained.plusSeconds(120).isAfter(Instant.now())) {
            return cached.token;
        }
        Response r = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "safe-policing-cli")
                .formParam("username", username).formParam("password", password)
                .post(stack.realmUrl() + "/protocol/openid-connect/token");
        expect(r, 200, "token for " + username);
        String token = r.path("access_token");
        TOKENS.put(username, new CachedToken(token, Instant.now()));
        return token;
    }

    String demoToken(String username) {
        return token(username, DEMO_PASSWORD);
    }

    String token(Agency agency) {
        return token(agency.username(), agency.password());
    }

    String admin() {
        return demoToken("doj.admin");
    }

    /**
     * A fresh ORI of {@code state} (two letters), registered by DOJ, with an agency user of its own in Keycloak; returns
     * once grants-service has published the agency's first answer (registered, no credential: FAIL).
     *
     * <p>Waiting for that first answer keeps each test's story in order: grants reads the registry and the credential
     * events from two topics, so a credential sought right after the registration may reach it first (grants then
     * decides PASS first, and the registration changes nothing).
     */
    Agency newAgency(String state) {
        String ori = randomOri(state);
        registerAgency(ori);
        Agency agency = agencyUser(ori);
        awaitRecord(Topics.GRANTS_ELIGIBILITY, "the settled eligibility answer for the newly registered " + ori,
                r -> ori.equals(r.key()) && settled(jsonOrEmpty(r.value())));
        return agency;
    }

    /**
     * Whether a general eligibility answer is the agency's settled one: grants has records' first reporting standing
     * (its Sec. 3(d) rule names a deciding event). Registration reaches grants twice, from credentialing's registry
     * and from records' standing, in either order, so an agency's first answers are one or two FAILs; the tests start
     * from the settled answer.
     */
    static boolean settled(JsonNode answer) {
        return !answer.path("grantProgramId").isTextual() && rule(answer, SEC_3D).path("decidedByEventId").isTextual();
    }

    static String randomOri(String state) {
        StringBuilder ori = new StringBuilder(state);
        for (int i = 0; i < 7; i++) {
            ori.append(ORI_CHARS.charAt(RANDOM.nextInt(ORI_CHARS.length())));
        }
        return ori.toString();
    }

    /** Creates a Keycloak user with the {@code ori} attribute and the realm role agency-user (admin REST API). */
    Agency agencyUser(String ori) {
        String username = "agency-" + ori.toLowerCase();
        String password = keycloakUser(username, "agency-user", Map.of("ori", List.of(ori)));
        return new Agency(ori, username, password);
    }

    /** A Keycloak user assessing for a credentialing body (realm role body-assessor, body_id claim): {username, password}. */
    String[] bodyAssessor(String bodyId) {
        String username = "assessor-" + bodyId.substring(0, 8);
        return new String[] {username, keycloakUser(username, "body-assessor", Map.of("body_id", List.of(bodyId)))};
    }

    /** A Keycloak user for an officer records-service knows (realm role officer, officer_id claim): {username, password}. */
    String[] officerUser(String officerId) {
        String username = "officer-" + officerId.substring(0, 8);
        return new String[] {username, keycloakUser(username, "officer", Map.of("officer_id", List.of(officerId)))};
    }

    /** A grant officer of the test's own (realm role grant-officer); returns their token. */
    String newGrantOfficer() {
        String username = "grant-officer-" + UUID.randomUUID().toString().substring(0, 8);
        return token(username, keycloakUser(username, "grant-officer", Map.of()));
    }

    /** Creates an enabled Keycloak user with one realm role and a random password (admin REST API); returns it. */
    private String keycloakUser(String username, String realmRole, Map<String, List<String>> attributes) {
        Response adminLogin = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token");
        expect(adminLogin, 200, "Keycloak admin token");
        String kcAdmin = adminLogin.path("access_token");
        String users = stack.keycloakUrl() + "/admin/realms/" + SystemStack.REALM + "/users";
        String password = UUID.randomUUID().toString();
        Response created = given().auth().oauth2(kcAdmin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "enabled", true, "emailVerified", true,
                        "firstName", "System", "lastName", "Test", "email", username + "@tests.example.org",
                        "attributes", attributes,
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post(users);
        expect(created, 201, "Keycloak user " + username);
        String location = created.header("Location");
        Response role = given().auth().oauth2(kcAdmin)
                .get(stack.keycloakUrl() + "/admin/realms/" + SystemStack.REALM + "/roles/" + realmRole);
        expect(role, 200, "realm role " + realmRole);
        Response mapped = given().auth().oauth2(kcAdmin).contentType(ContentType.JSON)
                .body(List.of(role.as(Map.class))).post(location + "/role-mappings/realm");
        expect(mapped, 204, realmRole + " role for " + username);
        return password;
    }

    // ------------------------------------------------------------------ credentialing-service

    RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    String credentialing() {
        return stack.url(SystemStack.CREDENTIALING);
    }

    void registerAgency(String ori) {
        Response r = as(admin()).body(Map.of("ori", ori, "name", "System Test Agency " + ori,
                        "type", "LOCAL_MUNICIPAL", "state", ori.substring(0, 2), "county", "Test County",
                        "swornOfficers", 80, "populationServed", 50_000, "urbanRural", "RURAL"))
                .post(credentialing() + "/api/v1/agencies");
        expect(r, 201, "register agency " + ori);
    }

    /** A body that applied and that DOJ certified for 36 months; returns its id. */
    String certifiedBody(String name) {
        String id = appliedBody(name);
        Response certified = as(admin()).body(Map.of("termMonths", 36))
                .post(credentialing() + "/api/v1/bodies/" + id + "/certification");
        expectSuccess(certified, "certify body " + id);
        return id;
    }

    /** A body that applied to DOJ with a complete application (status APPLIED); returns its id. */
    String appliedBody(String name) {
        Response applied = as(admin()).body(Map.of("name", name + " " + UUID.randomUUID().toString().substring(0, 8),
                        "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"),
                        "addresses", Map.of("useOfForcePoliciesAndTraining", "policies and training reviewed on site",
                                "deEscalationPoliciesAndTraining", "de-escalation curriculum assessed",
                                "earlyWarningSystems", "early intervention system assessed",
                                "communityEngagement", "community engagement plan assessed"),
                        "confirmsMandatoryStandards", true))
                .post(credentialing() + "/api/v1/bodies");
        expect(applied, 201, "body application");
        return applied.path("id");
    }

    void reinstateBody(String bodyId) {
        Response r = as(admin()).body("{}").post(credentialing() + "/api/v1/bodies/" + bodyId + "/reinstatement");
        expectSuccess(r, "reinstate body " + bodyId);
    }

    void suspendBody(String bodyId, String reason) {
        Response r = as(admin()).body(Map.of("reason", reason))
                .post(credentialing() + "/api/v1/bodies/" + bodyId + "/suspension");
        expectSuccess(r, "suspend body " + bodyId);
    }

    /** The agency's user seeks a credential from the body; returns the credential id (status SOUGHT). */
    String seek(Agency agency, String bodyId) {
        Response r = as(token(agency)).body(Map.of("bodyId", bodyId))
                .post(credentialing() + "/api/v1/agencies/" + agency.ori() + "/credentials");
        expect(r, 201, "seek a credential for " + agency.ori());
        if (!"SOUGHT".equals(r.path("status"))) {
            throw new AssertionError("a sought credential should be SOUGHT: " + r.asString());
        }
        return r.path("id");
    }

    void withdraw(Agency agency, String credentialId) {
        Response r = as(token(agency)).body("{}")
                .post(credentialing() + "/api/v1/agencies/" + agency.ori() + "/credentials/" + credentialId + "/withdrawal");
        expectSuccess(r, "withdraw credential " + credentialId + " of " + agency.ori());
    }

    // ------------------------------------------------------------------ grants-service

    String eligibilityUrl(String ori) {
        return stack.url(SystemStack.GRANTS) + "/api/v1/agencies/" + ori + "/eligibility";
    }

    /** grants-service's current answer for {@code ori}, read with {@code token}. */
    JsonNode eligibility(String token, String ori) {
        Response r = as(token).get(eligibilityUrl(ori));
        expect(r, 200, "eligibility of " + ori);
        return json(r.asString());
    }

    /** The Sec. 2(b) rule of an answer (rules are found by name, not by position). */
    static JsonNode sec2b(JsonNode answer) {
        return rule(answer, SEC_2B);
    }

    /** The rule named {@code code} of an answer. */
    static JsonNode rule(JsonNode answer, String code) {
        for (JsonNode rule : answer.path("rules")) {
            if (code.equals(rule.path("rule").asText())) {
                return rule;
            }
        }
        throw new AssertionError("no " + code + " rule in " + answer.toPrettyString());
    }

    /**
     * Waits until grants answers {@code outcome} for the rule {@code code}, decided by the event {@code eventId}, and
     * the whole answer is {@code eligible}; returns that answer.
     */
    JsonNode awaitAnswer(String token, String ori, String code, String outcome, String eventId, boolean eligible) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode answer = eligibility(token, ori);
                last.set(answer);
                JsonNode rule = rule(answer, code);
                return answer.path("eligible").asBoolean() == eligible && outcome.equals(rule.path("outcome").asText())
                        && eventId.equals(rule.path("decidedBy").path("eventId").asText(null));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("grants never answered " + code + " " + outcome + " (eligible " + eligible + ") for "
                    + ori + ", decided by event " + eventId + ", within " + EVENTUALLY + "; last answer: "
                    + (last.get() == null ? "none" : last.get().toPrettyString()), e);
        }
        return last.get();
    }

    /**
     * Waits until grants answers {@code outcome} for the Sec. 2(b) rule, decided by the event {@code eventId};
     * returns that answer.
     */
    JsonNode awaitRule(String token, String ori, String outcome, String eventId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode answer = eligibility(token, ori);
                last.set(answer);
                JsonNode rule = sec2b(answer);
                return outcome.equals(rule.path("outcome").asText())
                        && eventId.equals(rule.path("decidedBy").path("eventId").asText(null));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("grants never answered " + outcome + " for " + ori + ", decided by event " + eventId
                    + ", within " + EVENTUALLY + "; last answer: "
                    + (last.get() == null ? "none" : last.get().toPrettyString()), e);
        }
        return last.get();
    }

    // ------------------------------------------------------------------ topics

    /** Waits for the credential event of {@code type} about {@code credentialId} on credentialing.events.v1. */
    ConsumerRecord<String, String> credentialEvent(String ori, String type, String credentialId) {
        return awaitRecord(Topics.CREDENTIALING_EVENTS, "a " + type + " event of credential " + credentialId,
                r -> ori.equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type"))
                        && credentialId.equals(jsonOrEmpty(r.value()).path("credentialId").asText()));
    }

    /** Waits for the body event of {@code type} about {@code bodyId} on credentialing.events.v1. */
    ConsumerRecord<String, String> bodyEvent(String bodyId, String type) {
        return awaitRecord(Topics.CREDENTIALING_EVENTS, "a " + type + " event of body " + bodyId,
                r -> bodyId.equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")));
    }

    /** Waits until a record matching {@code match} is on {@code topic}; returns the first. */
    ConsumerRecord<String, String> awaitRecord(String topic, String what, Predicate<ConsumerRecord<String, String>> match) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(300)).until(() -> {
                kafka.readAll(topic).stream().filter(match).findFirst().ifPresent(found::set);
                return found.get() != null;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " on " + topic + " within " + EVENTUALLY, e);
        }
        return found.get();
    }

    /**
     * What grants published about {@code ori}'s general conditions (Sec. 2(b) and 3(d), {@code grantProgramId} null)
     * on grants.eligibility.v1, oldest first, as the events' data, from the settled answer on (the one or two FAILs
     * of registration count as one, see {@link #settled}).
     */
    List<JsonNode> eligibilityEvents(String ori) {
        return eligibilityEvents(ori, null);
    }

    /**
     * The general answers from the settled one on ({@link #settled}): the answers before it must be FAILs that
     * wait for records' standing (Sec. 2(b) FAIL, Sec. 3(d) FAIL with no deciding event), else this fails.
     */
    private static List<JsonNode> fromSettled(String ori, List<JsonNode> events) {
        int first = 0;
        while (first < events.size() && !settled(events.get(first))) {
            first++;
        }
        if (first == events.size()) {
            return events; // not settled yet: nothing to fold
        }
        for (JsonNode before : events.subList(0, first)) {
            if (before.path("eligible").asBoolean() || !"FAIL".equals(rule(before, SEC_2B).path("outcome").asText())
                    || !"FAIL".equals(rule(before, SEC_3D).path("outcome").asText())) {
                throw new AssertionError("an answer of " + ori + " before records' first standing is not a FAIL "
                        + "waiting for it: " + before);
            }
        }
        return events.subList(first, events.size());
    }

    /** As {@link #eligibilityEvents(String)}, for one program's answers ({@code null}: the general ones). */
    List<JsonNode> eligibilityEvents(String ori, String grantProgramId) {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : kafka.readKey(Topics.GRANTS_ELIGIBILITY, ori)) {
            if (!EventTypes.ELIGIBILITY_CHANGED.equals(KafkaTopics.header(r, "ce_type"))) {
                throw new AssertionError("unexpected event type on " + Topics.GRANTS_ELIGIBILITY + ": "
                        + KafkaTopics.header(r, "ce_type"));
            }
            JsonNode data = json(r.value());
            String program = data.path("grantProgramId").isTextual() ? data.path("grantProgramId").asText() : null;
            if (java.util.Objects.equals(program, grantProgramId)) {
                events.add(data);
            }
        }
        return grantProgramId == null ? fromSettled(ori, events) : events;
    }

    /**
     * One line per eligibility event: {@code eligible/outcome/deciding event id}, e.g.
     * {@code true/PASS/0f6c...}; a missing deciding event is {@code -}.
     */
    List<String> eligibilityTrail(String ori) {
        return eligibilityEvents(ori).stream().map(Suite::trailEntry).toList();
    }

    static String trailEntry(JsonNode event) {
        JsonNode rule = null;
        for (JsonNode r : event.path("rules")) {
            if (SEC_2B.equals(r.path("rule").asText())) {
                rule = r;
            }
        }
        if (rule == null) {
            throw new AssertionError("no " + SEC_2B + " rule in eligibility event " + event);
        }
        String decidedBy = rule.path("decidedByEventId").asText(null);
        return event.path("eligible").asBoolean() + "/" + rule.path("outcome").asText() + "/"
                + (decidedBy == null ? "-" : decidedBy);
    }

    static String trail(boolean eligible, String outcome, String eventId) {
        return eligible + "/" + outcome + "/" + (eventId == null ? "-" : eventId);
    }

    /**
     * Waits until the suite is quiet: credentialing, records and coresponder have published everything they wrote,
     * grants has consumed every record on its four input topics (its committed offsets cover them), and grants has
     * published everything it
     * decided. After this, what grants.eligibility.v1 holds is all there will be for the changes made so far.
     */
    void awaitGrantsCaughtUp() {
        awaitOutboxEmpty(SystemStack.CREDENTIALING);
        awaitOutboxEmpty(SystemStack.RECORDS);
        awaitOutboxEmpty(SystemStack.CORESPONDER);
        Map<TopicPartition, Long> needed = new java.util.HashMap<>(kafka.nextOffsets(Topics.AGENCY_REGISTRY));
        needed.putAll(kafka.nextOffsets(Topics.CREDENTIALING_EVENTS));
        needed.putAll(kafka.nextOffsets(Topics.RECORDS_REPORTING));
        needed.putAll(kafka.nextOffsets(Topics.CORESPONDER_EVENTS));
        awaitConsumed(GRANTS_GROUP, needed);
        awaitOutboxEmpty(SystemStack.GRANTS);
    }

    /** Waits until {@code group} has committed at least {@code needed} on every partition named. */
    void awaitConsumed(String group, Map<TopicPartition, Long> needed) {
        AtomicReference<Map<TopicPartition, Long>> committed = new AtomicReference<>(Map.of());
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> {
                committed.set(kafka.committedOffsets(group));
                return needed.entrySet().stream()
                        .allMatch(e -> committed.get().getOrDefault(e.getKey(), 0L) >= e.getValue());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("consumer group " + group + " did not consume up to " + needed + " within "
                    + EVENTUALLY + "; committed: " + committed.get(), e);
        }
    }

    /** Waits until a service's outbox has nothing left to publish (its {@code outbox_events_pending} gauge). */
    void awaitOutboxEmpty(String service) {
        AtomicReference<Double> pending = new AtomicReference<>();
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(300)).until(() -> {
                pending.set(outboxPending(service));
                return pending.get() == 0.0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(service + " still had " + pending.get() + " outbox event(s) to publish after "
                    + EVENTUALLY, e);
        }
    }

    /** The {@code outbox_events_pending} gauge of a service's Prometheus metrics. */
    double outboxPending(String service) {
        return metric(service, "outbox_events_pending", "");
    }

    /**
     * The sum of a service's Prometheus samples named {@code name} whose labels contain {@code labels} (e.g.
     * {@code result="duplicate"}; empty for all).
     */
    double metric(String service, String name, String labels) {
        return metricIfAny(service, name, labels)
                .orElseThrow(() -> new AssertionError(service + " has no metric " + name + " " + labels));
    }

    /** Like {@link #metric}, empty when the service has no such sample (yet: counters appear when first counted). */
    java.util.OptionalDouble metricIfAny(String service, String name, String labels) {
        Response r = given().get(stack.url(service) + "/q/metrics");
        expect(r, 200, service + " metrics");
        return r.asString().lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .filter(l -> l.contains(labels))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce(Double::sum);
    }

    // ------------------------------------------------------------------ helpers

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static JsonNode jsonOrEmpty(String text) {
        try {
            JsonNode node = text == null ? null : JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode(); // someone's poison record on a shared topic
        }
    }

    static void expect(Response r, int status, String what) {
        if (r.statusCode() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + r.statusCode() + " "
                    + r.asString());
        }
    }

    static void expectSuccess(Response r, String what) {
        if (r.statusCode() < 200 || r.statusCode() > 299) {
            throw new AssertionError(what + ": expected 2xx, got " + r.statusCode() + " " + r.asString());
        }
    }

    static String ceId(ConsumerRecord<?, ?> record) {
        return Objects.requireNonNull(KafkaTopics.header(record, "ce_id"), "record without ce_id");
    }

    private record CachedToken(String token, Instant obtained) {
    }
}
