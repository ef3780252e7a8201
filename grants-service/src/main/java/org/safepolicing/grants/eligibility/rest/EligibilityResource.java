package org.safepolicing.grants.eligibility.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.grants.eligibility.EligibilityService;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Path("/api/v1/agencies/{ori}/eligibility")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Eligibility")
public class EligibilityResource {

    private final EligibilityService eligibility;
    private final Caller caller;

    EligibilityResource(EligibilityService eligibility, Caller caller) {
        this.eligibility = eligibility;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "An agency's grant eligibility",
            description = "Every rule (now: Sec. 2(b) credential sought or held from a certified body; tribal agencies"
                    + " exempt) with its outcome, reason and deciding event. An agency never seen is answered too:"
                    + " it has sought no credential. Agency users see their own agency only.")
    @APIResponse(responseCode = "200", description = "The current answer")
    @APIResponse(responseCode = "400", description = "Not an ORI")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Another agency's user, or a role that may not read eligibility")
    public EligibilityView get(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN);
        return EligibilityView.of(eligibility.current(ori));
    }
}
