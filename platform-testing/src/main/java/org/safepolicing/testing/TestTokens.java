package org.safepolicing.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed access tokens shaped like the suite's Keycloak tokens (roles in {@code realm_access.roles}, the {@code ori},
 * {@code body_id}, {@code officer_id} claims, audience {@code safe-policing-api}), signed with a key kept for tests
 * only. Services under test verify them with quarkus-oidc against the matching public key: the real check, with a
 * key that is not a secret.
 */
public final class TestTokens {

    public static final String ISSUER = "urn:safe-policing:test-issuer";
    public static final String AUDIENCE = "safe-policing-api";
    private static final PrivateKey SIGNING_KEY = loadSigningKey();

    private final List<String> roles = new ArrayList<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String subject = "test-user-" + UUID.randomUUID();
    private String issuer = ISSUER;
    private String audience = AUDIENCE;
    private Instant issuedAt = Instant.now();
    private Instant expiresAt = issuedAt.plus(Duration.ofMinutes(5));
    private Instant notBefore;

    private TestTokens() {
    }

    /** A token builder for a caller with these roles. */
    public static TestTokens as(String... roles) {
        TestTokens t = new TestTokens();
        t.roles.addAll(List.of(roles));
        return t;
    }

    /** A ready token for an agency user of {@code ori}. */
    public static String agencyUser(String ori) {
        return as("agency-user").claim("ori", ori).sign();
    }

    /** A ready token for the POST board of {@code state} (two-letter code), role {@code state-board}. */
    public static String stateBoard(String state) {
        return as("state-board").claim("state", state).sign();
    }

    public static String dojAdmin() {
        return as("doj-admin").sign();
    }

    public TestTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TestTokens subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens validBetween(Instant issuedAt, Instant expiresAt) {
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        return this;
    }

    /** Sets {@code nbf}: the token is not valid before this instant. */
    public TestTokens notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    public String sign() {
        JwtClaimsBuilder jwt = Jwt.issuer(issuer)
                .subject(subject)
                .audience(audience)
                .claim("preferred_username", subject)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        if (notBefore != null) {
            jwt.claim("nbf", notBefore.getEpochSecond());
        }
        claims.forEach(jwt::claim);
        return jwt.jws().keyId("safe-policing-test").sign(SIGNING_KEY);
    }

    /** The public key that verifies these tokens, base64 DER, as {@code quarkus.oidc.public-key} takes it. */
    public static String verificationKey() {
        return pemBody("test-token-verification-key.pem");
    }

    private static PrivateKey loadSigningKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody("test-token-signing-key.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test signing key", e);
        }
    }

    private static String pemBody(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test key resource " + resource);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
