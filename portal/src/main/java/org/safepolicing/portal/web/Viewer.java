package org.safepolicing.portal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is looking at the page: anonymous, or a signed-in user with the roles and scope claims Keycloak put in their
 * tokens (ori, body_id, officer_id, state). Templates read it as {@code inject:viewer}. It also holds the session's
 * CSRF token: an HMAC of the user and their Keycloak session, so it needs no server-side state and changes with every
 * sign-in; every form carries it and every POST is refused without it ({@link #requireCsrf}).
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    /** The suite's roles (Keycloak realm roles), in the order the portal's menu names them. */
    public static final List<String> ROLES = List.of("agency-user", "body-assessor", "officer", "doj-admin",
            "grant-officer", "auditor", "hhs-analyst", "state-board");

    private final SecurityIdentity identity;
    private final CsrfKey csrfKey;

    Viewer(SecurityIdentity identity, CsrfKey csrfKey) {
        this.identity = identity;
        this.csrfKey = csrfKey;
    }

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    /** The user's name as Keycloak gives it (preferred_username), or empty. */
    public String getName() {
        if (!isSignedIn()) {
            return "";
        }
        String preferred = claim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    public boolean has(String role) {
        return isSignedIn() && identity.hasRole(role);
    }

    /** The suite roles this user holds, e.g. {@code [agency-user]}. */
    public List<String> getRoles() {
        Set<String> roles = identity.getRoles();
        return ROLES.stream().filter(roles::contains).toList();
    }

    /** The agency the user acts for (claim {@code ori}), or null. */
    public String getOri() {
        return claim("ori");
    }

    /** The level of authentication of the user's sign-in as Keycloak states it (claim {@code acr}), or null. */
    public String getAcr() {
        return claim("acr");
    }

    public String getOfficerId() {
        return claim("officer_id");
    }

    public String getBodyId() {
        return claim("body_id");
    }

    /** The access token for the services, or null when nobody is signed in. Never written into a page. */
    public String token() {
        if (!isSignedIn()) {
            return null;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }

    /** This session's CSRF token (empty when nobody is signed in: anonymous pages have no forms that change things). */
    public String getCsrf() {
        if (!isSignedIn()) {
            return "";
        }
        String session = claim("sid");
        return csrfKey.sign(identity.getPrincipal().getName() + "|" + (session == null ? "" : session));
    }

    /** A fresh key for one rendering of a form: the services apply a resubmitted form once ({@code Idempotency-Key}). */
    public String getFormKey() {
        return UUID.randomUUID().toString();
    }

    /** Refuses a form whose CSRF token is not this session's. */
    public void requireCsrf(String given) {
        if (!isSignedIn()) {
            throw new PortalProblem(401, "Signed out", "Sign in to do this.", null);
        }
        byte[] expected = getCsrf().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw PortalProblem.forbidden("This form was not sent from this session's page (its CSRF token does not match)."
                    + " Reload the page and try again.");
        }
    }

    private String claim(String name) {
        if (!isSignedIn() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object value = token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
