package org.safepolicing.platform.security;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.problem.ProblemException;

/**
 * Step-up for officer-level data (issue 16 §4, RFC 9470): where the deployment names what counts as a second factor,
 * a request to an {@link OfficerLevelData} resource whose token shows none is refused with 401
 * {@code insufficient-user-authentication} and {@code WWW-Authenticate: Bearer error="insufficient_user_authentication"}
 * naming the accepted {@code acr_values}, so the client signs in again with a second factor. A token qualifies when its
 * {@code acr} is one of {@code platform.step-up.accepted-acr} (Keycloak's level-of-authentication names, e.g.
 * {@code gold}) or its {@code amr} holds one of {@code platform.step-up.accepted-amr} (e.g. {@code otp}, {@code hwk}).
 * With neither set the requirement is off (the local stack's demo users sign in with a password only; deploy/
 * production sets it). Runs after the role checks, so a caller without the role still gets 403.
 */
@OfficerLevelData
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 50)
public class StepUpInterceptor {

    private static final Logger LOG = Logger.getLogger(StepUpInterceptor.class);

    private final Caller caller;
    private final List<String> acceptedAcr;
    private final List<String> acceptedAmr;

    StepUpInterceptor(Caller caller,
                      @ConfigProperty(name = "platform.step-up.accepted-acr") Optional<List<String>> acceptedAcr,
                      @ConfigProperty(name = "platform.step-up.accepted-amr") Optional<List<String>> acceptedAmr) {
        this.caller = caller;
        this.acceptedAcr = acceptedAcr.orElse(List.of());
        this.acceptedAmr = acceptedAmr.orElse(List.of());
    }

    @AroundInvoke
    Object requireSecondFactor(InvocationContext ctx) throws Exception {
        if ((acceptedAcr.isEmpty() && acceptedAmr.isEmpty()) || caller.anonymous()) {
            return ctx.proceed();
        }
        boolean stepped = caller.authenticationContext().filter(acceptedAcr::contains).isPresent()
                || caller.authenticationMethods().stream().anyMatch(acceptedAmr::contains);
        if (!stepped) {
            LOG.debugf("officer-level request of %s refused: acr %s, amr %s", caller.name(),
                    caller.authenticationContext().orElse("-"), caller.authenticationMethods());
            String acrValues = String.join(" ", acceptedAcr);
            throw new ProblemException(401, "insufficient-user-authentication", "A second factor is required",
                    "officer-level data needs a sign-in with a second factor"
                            + (acrValues.isEmpty() ? "" : " (acr " + acrValues + ")"))
                    .header("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\","
                            + " error_description=\"A second factor is required for officer-level data\""
                            + (acrValues.isEmpty() ? "" : ", acr_values=\"" + acrValues + "\""));
        }
        return ctx.proceed();
    }
}
