package org.safepolicing.grants.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.grants.projection.ProjectionQueries;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Path("/api/v1/agencies/{ori}/compliance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Eligibility")
public class ComplianceResource {

    private final ComplianceService compliance;
    private final ProjectionQueries standings;
    private final Caller caller;

    ComplianceResource(ComplianceService compliance, ProjectionQueries standings, Caller caller) {
        this.compliance = compliance;
        this.standings = standings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN, Roles.AUDITOR})
    @Operation(summary = "An agency's compliance card: its whole standing under EO 13929 in one answer",
            description = "Assembled from what grants learns from the topics: the registry entry; the latest credential"
                    + " (status, valid until, unmet standards of a denial) and its body's standing (Sec. 2(b)); the"
                    + " reporting standing (Sec. 3(d)); co-responder programs and training coverage (Sec. 4); the"
                    + " eligibility for every DOJ discretionary grant and for each program the agency applied to, each"
                    + " rule with its deciding event and what must change; the awards with their flags. A part grants"
                    + " has heard nothing of is null or empty. Agency users read their own agency only; every read is"
                    + " audited.")
    @APIResponse(responseCode = "200", description = "The card")
    @APIResponse(responseCode = "400", description = "Not an ORI")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Another agency's user, or a role that may not read it")
    @APIResponse(responseCode = "404", description = "`unknown-agency`: grants has never heard of the ORI")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("eligibility")
    public ComplianceCard get(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN, Roles.AUDITOR);
        standings.requireKnown(ori);
        return compliance.card(ori);
    }
}
