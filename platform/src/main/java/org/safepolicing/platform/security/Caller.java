package org.safepolicing.platform.security;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.safepolicing.platform.problem.ProblemException;

/**
 * Who is calling, read from the verified token: name, roles, and the agency, body or officer the token is scoped to.
 * The {@code require...} methods are the one way a service scopes a request to the caller's own data.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean anonymous() {
        return identity.isAnonymous();
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return new TreeSet<>(identity.getRoles());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        return Arrays.stream(roles).anyMatch(identity::hasRole);
    }

    /** The agency (ORI) the token is scoped to, if any. */
    public Optional<String> ori() {
        return claim(Roles.ORI_CLAIM);
    }

    public Optional<UUID> bodyId() {
        return claim(Roles.BODY_ID_CLAIM).flatMap(Caller::uuid);
    }

    public Optional<UUID> officerId() {
        return claim(Roles.OFFICER_ID_CLAIM).flatMap(Caller::uuid);
    }

    /** The state (two-letter code, upper case) a state board's token is scoped to, if any. */
    public Optional<String> state() {
        return claim(Roles.STATE_CLAIM).map(s -> s.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Allows the request when the caller holds one of {@code crossStateRoles}, or is a state board of {@code state};
     * refuses it with 403 otherwise.
     */
    public void requireState(String state, String... crossStateRoles) {
        if (hasAnyRole(crossStateRoles)) {
            return;
        }
        if (hasRole(Roles.STATE_BOARD) && state != null && state().filter(own -> own.equalsIgnoreCase(state)).isPresent()) {
            return;
        }
        throw ProblemException.forbidden("the caller may not act for state " + state);
    }

    /**
     * Allows the request when the caller holds one of {@code crossAgencyRoles}, or is an agency user of {@code ori};
     * refuses it with 403 otherwise.
     */
    public void requireAgency(String ori, String... crossAgencyRoles) {
        if (hasAnyRole(crossAgencyRoles)) {
            return;
        }
        if (hasRole(Roles.AGENCY_USER) && ori().filter(own -> own.equalsIgnoreCase(ori)).isPresent()) {
            return;
        }
        throw ProblemException.forbidden("the caller may not act for agency " + ori);
    }

    /** Like {@link #requireAgency}, for a credentialing body's assessors. */
    public void requireBody(UUID bodyId, String... crossBodyRoles) {
        if (hasAnyRole(crossBodyRoles)) {
            return;
        }
        if (hasRole(Roles.BODY_ASSESSOR) && bodyId().filter(bodyId::equals).isPresent()) {
            return;
        }
        throw ProblemException.forbidden("the caller may not act for credentialing body " + bodyId);
    }

    /** Like {@link #requireAgency}, for an officer's own data. */
    public void requireOfficer(UUID officerId, String... crossOfficerRoles) {
        if (hasAnyRole(crossOfficerRoles)) {
            return;
        }
        if (hasRole(Roles.OFFICER) && officerId().filter(officerId::equals).isPresent()) {
            return;
        }
        throw ProblemException.forbidden("the caller may not see officer " + officerId);
    }

    /** The token's authentication context class ({@code acr}), e.g. Keycloak's level-of-authentication name. */
    public Optional<String> authenticationContext() {
        return claim("acr");
    }

    /** The token's authentication methods ({@code amr}, RFC 8176), e.g. {@code pwd}, {@code otp}; empty when absent. */
    public Set<String> authenticationMethods() {
        Set<String> methods = new TreeSet<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("amr") != null) {
            Object value = jwt.getClaim("amr");
            if (value instanceof Iterable<?> list) {
                list.forEach(v -> methods.add(v.toString().replace("\"", "").trim()));
            } else {
                methods.add(value.toString().replace("\"", "").trim());
            }
        }
        return methods;
    }

    private Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            if (value != null) {
                String s = value.toString().replace("\"", "").trim();
                return s.isEmpty() ? Optional.empty() : Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
