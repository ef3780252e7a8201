package org.safepolicing.portal.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's refusal for want of a second factor (RFC 9470): 401 with
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", acr_values="gold"} (and perhaps
 * {@code max_age}). The services answer so for officer-level data where the deployment asks for it. {@link ProblemPages}
 * sends the person through Keycloak's sign-in again asking for the level named ({@link StepUpPages}), or, where that
 * cannot happen by itself, shows a page that says why and starts it with one click.
 */
public class StepUpRequired extends PortalProblem {

    private static final Pattern ACR_VALUES = Pattern.compile("acr_values\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern MAX_AGE = Pattern.compile("max_age\\s*=\\s*\"?(\\d{1,9})\"?");

    private final List<String> acrValues;
    private final Long maxAge;

    StepUpRequired(String service, List<String> acrValues, Long maxAge) {
        super(401, "A second factor is needed", (service == null ? "The service" : service) + " shows this only to"
                + " people who signed in with a second factor (a one-time code from their authenticator)"
                + (acrValues.isEmpty() ? "" : ", the level " + String.join(" or ", acrValues)) + ".", service);
        this.acrValues = List.copyOf(acrValues);
        this.maxAge = maxAge;
    }

    /**
     * The step-up a {@code WWW-Authenticate} header asks for, or null when it asks for none (any other 401, e.g. an
     * expired token). Only well-formed level names are kept.
     */
    static StepUpRequired of(String service, List<String> challenges) {
        for (String challenge : challenges) {
            if (challenge == null || !challenge.contains("insufficient_user_authentication")) {
                continue;
            }
            Matcher acr = ACR_VALUES.matcher(challenge);
            List<String> values = acr.find()
                    ? java.util.Arrays.stream(acr.group(1).trim().split("\\s+")).filter(StepUpPages::isLevel).toList()
                    : List.of();
            Matcher age = MAX_AGE.matcher(challenge);
            return new StepUpRequired(service, values, age.find() ? Long.valueOf(age.group(1)) : null);
        }
        return null;
    }

    /** The levels of authentication (Keycloak's acr names) the service accepts, in its order; may be empty. */
    public List<String> acrValues() {
        return acrValues;
    }

    /** How recent the sign-in must be, in seconds, when the service says so; otherwise null. */
    public Long maxAge() {
        return maxAge;
    }
}
