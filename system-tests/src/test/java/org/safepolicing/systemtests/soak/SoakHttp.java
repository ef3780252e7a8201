package org.safepolicing.systemtests.soak;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.safepolicing.systemtests.bench.BenchHttp;

/**
 * HTTP for the soak: every state-changing request carries an {@code Idempotency-Key} and is sent again, with the same
 * key and body, on a connection error or a 502/503/504/429 (the service or its database down, a restart), and on the
 * statuses an operation names as "not yet" (e.g. 422 not-eligible while an event is on its way), until it gets a final
 * answer or its patience runs out. Each request's final answer goes into the {@link Ledger}.
 */
final class SoakHttp {

    private static final Set<Integer> TRANSIENT = Set.of(-1, 429, 502, 503, 504);
    private static final long LATER_PATIENCE_NANOS = 60_000_000_000L;

    final BenchHttp http;
    final Ledger ledger;
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String runId;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, String> assessorTokens = new ConcurrentHashMap<>();
    private final String keycloakUrl;
    private final Duration patience;

    SoakHttp(BenchHttp http, Ledger ledger, String runId, String keycloakUrl, Duration patience) {
        this.http = http;
        this.ledger = ledger;
        this.runId = runId;
        this.keycloakUrl = keycloakUrl;
        this.patience = patience;
    }

    /** A state-changing request, retried with its key until final; {@code later}: statuses that mean "try again". */
    Ledger.Entry change(String op, String ori, String method, String url, Supplier<String> token, Object body,
                        String contentType, Set<Integer> later) {
        String key = "soak-" + runId + "-" + seq.incrementAndGet();
        String payload = body instanceof String s ? s : BenchHttp.JSON.valueToTree(body).toString();
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        int attempts = 0;
        int transientSeen = 0;
        BenchHttp.Resp r;
        boolean replayed;
        while (true) {
            attempts++;
            HttpRequest.Builder b = http.request(url, token.get()).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", contentType).header("Idempotency-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(payload));
            ReplayAware ra = send(b.build());
            r = ra.resp;
            replayed = ra.replayed;
            // "not yet" answers (an event on its way) are waited for 60 s at most; a service away for up to 180 s
            boolean again = TRANSIENT.contains(r.status())
                    || (later.contains(r.status()) && System.nanoTime() - started < LATER_PATIENCE_NANOS);
            if (TRANSIENT.contains(r.status())) {
                transientSeen++;
            }
            if (!again || System.nanoTime() > deadline) {
                break;
            }
            sleep(Math.min(2_000, 100L * attempts));
        }
        boolean resolved = !TRANSIENT.contains(r.status()); // any other answer is final: a refusal stored nothing
        Ledger.Entry e = new Ledger.Entry(op, ori, key, method, url, r.status(), resolved, attempts, transientSeen,
                replayed, (System.nanoTime() - started) / 1_000_000, r.ok() ? r.body() : BenchHttpAccess.abbreviate(r.body()));
        ledger.add(e);
        return e;
    }

    Ledger.Entry post(String op, String ori, String url, Supplier<String> token, Object body, Integer... later) {
        return change(op, ori, "POST", url, token, body, "application/json", Set.of(later));
    }

    Ledger.Entry put(String op, String ori, String url, Supplier<String> token, Object body, Integer... later) {
        return change(op, ori, "PUT", url, token, body, "application/json", Set.of(later));
    }

    private record ReplayAware(BenchHttp.Resp resp, boolean replayed) {
    }

    private ReplayAware send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            var r = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new ReplayAware(new BenchHttp.Resp(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000),
                    r.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false));
        } catch (java.io.IOException e) {
            return new ReplayAware(new BenchHttp.Resp(-1, e.toString(), 0), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReplayAware(new BenchHttp.Resp(-1, "interrupted", 0), false);
        }
    }

    /** A read, retried on connection errors and 5xx for a while. */
    BenchHttp.Resp read(String url, Supplier<String> token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        BenchHttp.Resp r;
        do {
            r = http.get(url, token.get());
            if (r.status() != -1 && r.status() < 500 && r.status() != 429) {
                return r;
            }
            sleep(500);
        } while (System.nanoTime() < deadline);
        return r;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ body assessors' tokens

    /**
     * A token of body {@code bodyId}'s assessor: a confidential Keycloak client of the local realm whose service
     * account holds body-assessor and a hard-coded {@code body_id} claim (client credentials, like the bench's
     * agencies: no password hashing on every login).
     */
    String assessorToken(String bodyId) {
        String clientId = "soak-assessor-" + bodyId;
        String secret = "soak-local-secret-" + bodyId;
        String cached = assessorTokens.get(bodyId);
        if (cached != null) {
            return cached;
        }
        BenchHttp.Resp r = clientToken(clientId, secret);
        if (r.status() != 200) {
            createClient(clientId, secret, "body-assessor", "body_id", bodyId);
            r = clientToken(clientId, secret).expect("token of the assessor of body " + bodyId, 200);
        }
        String token = r.json().path("access_token").asText();
        assessorTokens.put(bodyId, token); // lifespan 3600 s: longer than a soak
        return token;
    }

    private BenchHttp.Resp clientToken(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret;
        return http.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/safe-policing/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private String keycloakAdmin() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        return http.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build())
                .expect("Keycloak admin token", 200).json().path("access_token").asText();
    }

    private void createClient(String clientId, String secret, String role, String claim, String value) {
        String admin = keycloakUrl + "/admin/realms/safe-policing";
        String token = keycloakAdmin();
        Map<String, Object> audience = Map.of("name", "safe-policing-api audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of(
                        "included.client.audience", "safe-policing-api", "access.token.claim", "true",
                        "id.token.claim", "false", "introspection.token.claim", "true"));
        Map<String, Object> claimMapper = Map.of("name", claim, "protocol", "openid-connect",
                "protocolMapper", "oidc-hardcoded-claim-mapper", "config", Map.of(
                        "claim.name", claim, "claim.value", value, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true"));
        Map<String, Object> client = Map.of("clientId", clientId, "enabled", true, "publicClient", false,
                "secret", secret, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false, "attributes", Map.of("access.token.lifespan", "3600"),
                "protocolMappers", List.of(audience, claimMapper));
        BenchHttp.Resp created = http.post(admin + "/clients", token, client);
        if (created.status() != 201 && created.status() != 409) {
            created.expect("Keycloak client " + clientId, 201);
        }
        JsonNode found = http.get(admin + "/clients?clientId=" + clientId, token).expect("find " + clientId, 200).json();
        String id = found.get(0).path("id").asText();
        String user = http.get(admin + "/clients/" + id + "/service-account-user", token)
                .expect("service account of " + clientId, 200).json().path("id").asText();
        JsonNode roleRep = http.get(admin + "/roles/" + role, token).expect("role " + role, 200).json();
        List<Object> roles = new ArrayList<>();
        roles.add(BenchHttp.JSON.convertValue(roleRep, Map.class));
        http.post(admin + "/users/" + user + "/role-mappings/realm", token, roles).expect(role + " for " + clientId, 204);
    }

    /** BenchHttp's abbreviation is package-private there. */
    private static final class BenchHttpAccess {
        static String abbreviate(String s) {
            return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
        }
    }
}
