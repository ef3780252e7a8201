package org.safepolicing.portal.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;

/**
 * Adds what a step-up asks for to quarkus-oidc's redirect to Keycloak's login, for a sign-in that
 * {@link StepUpPages} started ({@code /step-up/sign-in?acr=...}): {@code acr_values} (OpenID Connect Core 3.1.2.1),
 * {@code max_age} when the service named one, and {@code prompt=login} when it named no level (so the person signs in
 * afresh). Every other sign-in is left as it is.
 */
@ApplicationScoped
@Unremovable
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class StepUpRedirect implements OidcRedirectFilter {

    @Override
    public void filter(OidcRedirectContext context) {
        var request = context.routingContext().request();
        if (!StepUpPages.SIGN_IN.equals(request.path())) {
            return;
        }
        String acr = request.getParam("acr");
        boolean levels = false;
        if (acr != null && !acr.isBlank()) {
            try {
                context.additionalQueryParams().add("acr_values", String.join(" ", StepUpPages.levels(acr)));
                levels = true;
            } catch (PortalProblem malformed) {
                // not a level Keycloak names: ask for a fresh sign-in instead
            }
        }
        Long maxAge = StepUpPages.maxAge(request.getParam("max_age"));
        if (maxAge != null) {
            context.additionalQueryParams().add("max_age", maxAge.toString());
        }
        if (!levels) {
            context.additionalQueryParams().add("prompt", "login");
        }
    }
}
