package org.safepolicing.platform.problem;

import java.util.Locale;

/**
 * Why a request was refused with 401, in a few words fit for the audit trail: never the token or its claims (a refused
 * token's claims are unverified and may carry personal data), only the kind of failure, read from the exception chain.
 */
final class UnauthenticatedReason {

    private UnauthenticatedReason() {
    }

    static String of(String authorizationHeader, Throwable failure) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return "no bearer token";
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "not a bearer token";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            text.append(' ').append(t.getMessage()).append(' ').append(t.getClass().getSimpleName());
        }
        String all = text.toString().toLowerCase(Locale.ROOT);
        if (all.contains("issued in the future")) {
            return "token issued in the future";
        }
        if (all.contains("expired") || all.contains("expiration")) {
            return "token expired";
        }
        if (all.contains("not yet valid") || all.contains("nbf") || all.contains("not before")) {
            return "token not yet valid";
        }
        if (all.contains("audience") || all.contains("aud ")) {
            return "token for another audience";
        }
        if (all.contains("issuer") || all.contains("iss ")) {
            return "token from another issuer";
        }
        if (all.contains("signature") || all.contains("unresolvablekey") || all.contains("key resolution")
                || all.contains("alg")) {
            return "token signature not valid";
        }
        return "token not valid";
    }
}
