package org.safepolicing.portal.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Signing in again with a second factor (RFC 9470 step-up), when a service refuses officer-level data to a sign-in
 * without one ({@link StepUpRequired}). {@code /step-up} ends the portal's own session (not Keycloak's) and sends the
 * person on to {@code /step-up/sign-in}, which needs a sign-in: quarkus-oidc redirects to Keycloak's login, and
 * {@link StepUpRedirect} adds {@code acr_values} (and {@code max_age}) to that request, so Keycloak asks for the second
 * factor (its step-up flow asks only for what the current Keycloak session lacks). Back from Keycloak, the person
 * lands on the page they were on, whose service now gets a token with the level it asked for.
 */
@Path("/step-up")
public class StepUpPages {

    static final String SIGN_IN = "/step-up/sign-in";
    /** A level of authentication as Keycloak names them (acr values such as {@code gold}, or a URI-like name). */
    private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private final OidcSession session;
    private final Viewer viewer;

    StepUpPages(OidcSession session, Viewer viewer) {
        this.session = session;
        this.viewer = viewer;
    }

    /**
     * Starts the sign-in with a second factor: {@code acr} the levels asked for (space-separated), {@code max_age} how
     * recent it must be, {@code return} the page to come back to (a path of the portal; anything else is the start
     * page). A link from another site cannot start it.
     */
    @GET
    @PermitAll
    public Uni<Response> start(@QueryParam("acr") String acr, @QueryParam("max_age") String maxAge,
                               @QueryParam("return") String back, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if ("cross-site".equals(fetchSite)) {
            throw PortalProblem.forbidden("A link from another site cannot start a sign-in here.");
        }
        URI next = URI.create(signInPath(levels(acr), maxAge(maxAge), back));
        Uni<Void> signedOut;
        try {
            signedOut = session.logout();
        } catch (RuntimeException e) {
            // no portal session to end (e.g. signed out already): the sign-in below starts afresh anyway
            signedOut = Uni.createFrom().voidItem();
        }
        return signedOut.onFailure().recoverWithNull().replaceWith(Response.seeOther(next).build());
    }

    /**
     * Reached once signed in again: back to the page the person was on, when the sign-in has a level asked for (or
     * none was named). A sign-in without it (Keycloak could not or did not give it) gets a page that says so instead
     * of being sent round again.
     */
    @GET
    @Path("/sign-in")
    @Authenticated
    public Response signedIn(@QueryParam("acr") String acr, @QueryParam("max_age") String maxAge,
                             @QueryParam("return") String back) {
        List<String> levels = levels(acr);
        String held = viewer.getAcr();
        if (levels.isEmpty() || (held != null && levels.contains(held))) {
            return Response.seeOther(URI.create(localPath(back))).build();
        }
        return ProblemPages.stepUpPage(new StepUpRequired(null, levels, maxAge(maxAge)), startPath(levels, maxAge(maxAge),
                back), false, "Keycloak's sign-in did not give the level " + String.join(" or ", levels) + " ("
                + (held == null ? "no level" : held) + " instead), so the page cannot be shown yet.");
    }

    /** The path that starts a step-up for these levels and returns to {@code back}. */
    static String startPath(List<String> levels, Long maxAge, String back) {
        return "/step-up?" + query(levels, maxAge, back);
    }

    private static String signInPath(List<String> levels, Long maxAge, String back) {
        return SIGN_IN + "?" + query(levels, maxAge, back);
    }

    private static String query(List<String> levels, Long maxAge, String back) {
        StringBuilder query = new StringBuilder();
        if (!levels.isEmpty()) {
            query.append("acr=").append(encode(String.join(" ", levels))).append('&');
        }
        if (maxAge != null) {
            query.append("max_age=").append(maxAge).append('&');
        }
        return query.append("return=").append(encode(localPath(back))).toString();
    }

    /** The well-formed levels of a space-separated list; a malformed one is a 400 page. */
    static List<String> levels(String acr) {
        if (acr == null || acr.isBlank()) {
            return List.of();
        }
        List<String> levels = List.of(acr.strip().split("\\s+"));
        if (levels.size() > 5 || !levels.stream().allMatch(StepUpPages::isLevel)) {
            throw PortalProblem.badRequest("The level of sign-in asked for is not one Keycloak names.");
        }
        return levels;
    }

    static boolean isLevel(String value) {
        return value != null && LEVEL.matcher(value).matches();
    }

    static Long maxAge(String value) {
        return value != null && value.matches("\\d{1,9}") ? Long.valueOf(value) : null;
    }

    /** {@code back} when it is a path of the portal (not another site's address, not this page), else the start page. */
    static String localPath(String back) {
        if (back == null || back.length() > 2000 || !back.startsWith("/") || back.startsWith("//")
                || back.startsWith("/\\") || back.startsWith("/step-up") || back.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/my";
        }
        try {
            URI uri = URI.create(back);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? back : "/my";
        } catch (IllegalArgumentException e) {
            return "/my";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
