package org.safepolicing.platform.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token issued in the future (more than {@link #CLOCK_SKEW} ahead of this server's clock): quarkus-oidc
 * checks {@code exp} and {@code nbf}, but accepts such an {@code iat}, which only a forged or misconfigured issuer
 * produces. The refusal is a 401 like any other invalid token.
 */
@ApplicationScoped
public class TokenTimeCheck implements SecurityIdentityAugmentor {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getIssuedAtTime() > 0
                && Instant.ofEpochSecond(jwt.getIssuedAtTime()).isAfter(Instant.now().plus(CLOCK_SKEW))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token was issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
