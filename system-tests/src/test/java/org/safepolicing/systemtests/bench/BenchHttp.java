package org.safepolicing.systemtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP for the bench: one JDK client (HTTP/1.1, a connection per concurrent caller, like wrk), JSON bodies, and
 * tokens Keycloak issues: demo users by password grant, bench agencies by client credentials (see
 * {@link #agencyToken}).
 */
public final class BenchHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCE_MAPPER = "safe-policing-api audience";

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final BenchTarget target;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public BenchHttp(BenchTarget target) {
        this.target = target;
    }

    public record Resp(int status, String body, long micros) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Resp expect(String what, int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new IllegalStateException(what + ": HTTP " + status + " " + abbreviate(body));
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    public HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", url.endsWith("/q/metrics") ? "text/plain" : "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Resp send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000);
        } catch (IOException e) {
            return new Resp(-1, e.toString(), (System.nanoTime() - start) / 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resp(-1, "interrupted", (System.nanoTime() - start) / 1_000);
        }
    }

    public Resp get(String url, String token) {
        return send(request(url, token).GET().build());
    }

    public Resp post(String url, String token, Object body) {
        return send(request(url, token).header("Content-Type", "application/json").POST(json(body)).build());
    }

    // ------------------------------------------------------------------ tokens

    private record Token(String value, Instant obtained, long lifeSeconds) {
        boolean fresh() {
            return obtained.plusSeconds(lifeSeconds * 2 / 3).isAfter(Instant.now());
        }
    }

    private String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Resp tokenRequest(String realmUrl, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    private String cached(String key, java.util.function.Supplier<Resp> fetch, String what) {
        Token t = tokens.get(key);
        if (t != null && t.fresh()) {
            return t.value;
        }
        JsonNode r = fetch.get().expect(what, 200).json();
        Token fresh = new Token(r.path("access_token").asText(), Instant.now(), r.path("expires_in").asLong(60));
        tokens.put(key, fresh);
        return fresh.value;
    }

    /** A demo user's token (password grant, public client safe-policing-cli). */
    public String demoToken(String username) {
        return cached("user:" + username, () -> tokenRequest(target.realmUrl(), Map.of("grant_type", "password",
                "client_id", "safe-policing-cli", "username", username, "password", "demo1234")), "token for " + username);
    }

    private String keycloakAdmin() {
        return cached("kc-admin", () -> tokenRequest(target.keycloakUrl() + "/realms/master", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin")),
                "Keycloak admin token");
    }

    static String agencyClientId(String ori) {
        return "bench-agency-" + ori.toLowerCase();
    }

    private static String agencySecret(String ori) {
        return "bench-local-secret-" + ori.toLowerCase();
    }

    /**
     * A token for a bench agency's user: role agency-user and the agency's {@code ori} claim, audience
     * safe-policing-api, exactly what the services check. Each bench agency is a confidential Keycloak client of the
     * local realm whose service account holds the role (and a hard-coded {@code ori} claim); its tokens come by the
     * client-credentials grant. 1,000 password logins would be 1,000 PBKDF2 hashes on the same two cores: the bench
     * would measure Keycloak. Created once and kept (the next run finds them).
     */
    public String agencyToken(String ori) {
        return cached("agency:" + ori, () -> {
            Resp r = clientToken(ori);
            if (r.status() == 401 || r.status() == 400 || (r.status() == 200 && !agencyUser(r))) {
                createAgencyClient(ori); // new, or left half-made by an interrupted run (no role yet)
                r = clientToken(ori);
            }
            return r;
        }, "token for bench agency " + ori);
    }

    /** Whether the token in a token response carries the realm role agency-user. */
    private static boolean agencyUser(Resp r) {
        String[] parts = r.json().path("access_token").asText().split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            for (JsonNode role : claims.path("realm_access").path("roles")) {
                if ("agency-user".equals(role.asText())) {
                    return true;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private Resp clientToken(String ori) {
        return tokenRequest(target.realmUrl(), Map.of("grant_type", "client_credentials",
                "client_id", agencyClientId(ori), "client_secret", agencySecret(ori)));
    }

    private void createAgencyClient(String ori) {
        String admin = target.keycloakUrl() + "/admin/realms/safe-policing";
        Map<String, Object> audience = Map.of("name", AUDIENCE_MAPPER, "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of(
                        "included.client.audience", "safe-policing-api", "access.token.claim", "true",
                        "id.token.claim", "false", "introspection.token.claim", "true"));
        Map<String, Object> oriClaim = Map.of("name", "ori", "protocol", "openid-connect",
                "protocolMapper", "oidc-hardcoded-claim-mapper", "config", Map.of(
                        "claim.name", "ori", "claim.value", ori, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true"));
        Map<String, Object> client = Map.of("clientId", agencyClientId(ori), "enabled", true,
                "publicClient", false, "secret", agencySecret(ori), "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "attributes", Map.of("access.token.lifespan", "3600"),
                "protocolMappers", List.of(audience, oriClaim));
        Resp created = post(admin + "/clients", keycloakAdmin(), client);
        if (created.status() != 201 && created.status() != 409) {
            created.expect("Keycloak client for " + ori, 201);
        }
        JsonNode found = get(admin + "/clients?clientId=" + agencyClientId(ori), keycloakAdmin())
                .expect("find client " + ori, 200).json();
        String id = found.get(0).path("id").asText();
        String user = get(admin + "/clients/" + id + "/service-account-user", keycloakAdmin())
                .expect("service account of " + ori, 200).json().path("id").asText();
        JsonNode role = get(admin + "/roles/agency-user", keycloakAdmin()).expect("role agency-user", 200).json();
        List<Object> roles = new ArrayList<>();
        roles.add(JSON.convertValue(role, Map.class));
        post(admin + "/users/" + user + "/role-mappings/realm", keycloakAdmin(), roles)
                .expect("agency-user role for " + ori, 204);
    }
}
