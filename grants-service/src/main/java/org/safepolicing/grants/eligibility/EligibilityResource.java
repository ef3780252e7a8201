package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.program.GrantPrograms;
import org.safepolicing.grants.projection.ProjectionQueries;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Path("/api/v1/agencies/{ori}/eligibility")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Eligibility")
public class EligibilityResource {

    private final EligibilityService eligibility;
    private final GrantPrograms programs;
    private final Caller caller;
    private final ProjectionQueries standings;

    EligibilityResource(EligibilityService eligibility, GrantPrograms programs, Caller caller, ProjectionQueries standings) {
        this.eligibility = eligibility;
        this.programs = programs;
        this.caller = caller;
        this.standings = standings;
    }

    private void requireKnown(String ori) {
        standings.requireKnown(ori);
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "An agency's eligibility for every DOJ discretionary grant, now or at a past moment",
            description = "The conditions every DOJ discretionary grant carries: Sec. 2(b) credential sought or held"
                    + " from a certified body (NOT_APPLICABLE for tribal, territorial and federal agencies, with the"
                    + " reason) and Sec. 3(d) reporting current (FAIL until records-service has stated a standing), each"
                    + " with its outcome (PASS, FAIL, NOT_APPLICABLE), reason and deciding event, and what must change"
                    + " for each failing rule. With `at`, the answer that held then, from the decision history. An ORI"
                    + " grants has never heard of is 404."
                    + " Agency users see their own agency only.")
    @APIResponse(responseCode = "200", description = "The answer")
    @APIResponse(responseCode = "400", description = "Not an ORI, or `at` is not an instant or date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Another agency's user, or a role that may not read eligibility")
    @APIResponse(responseCode = "404", description = "`unknown-agency`: grants has never heard of the ORI (no registry"
            + " entry and no event about it)")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("eligibility")
    public EligibilityView get(@PathParam("ori") @ValidOri String ori,
                               @Parameter(description = "an ISO-8601 instant or a date (end of that day, UTC)")
                               @QueryParam("at") String at) {
        caller.requireAgency(ori, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN);
        requireKnown(ori);
        if (at == null || at.isBlank()) {
            return EligibilityView.of(eligibility.current(ori));
        }
        return EligibilityView.of(eligibility.at(ori, null, PointInTime.parse(at)).orElseThrow());
    }

    @GET
    @Path("/programs/{programId}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "An agency's eligibility for one grant program, now or at a past moment",
            description = "The program's rule set (and AGENCY_TYPE when it funds only some agency types), each rule with"
                    + " its outcome, reason and deciding event, and what must change. Kept and published for agencies"
                    + " that applied; decided on the spot for any other. With `at`: from the program's decision"
                    + " history, which starts when the agency applied.")
    @APIResponse(responseCode = "200", description = "The answer")
    @APIResponse(responseCode = "400", description = "Not an ORI or program id, or `at` is not an instant or date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Another agency's user, or a role that may not read eligibility")
    @APIResponse(responseCode = "404", description = "No such program, `unknown-agency` (grants has never heard of the"
            + " ORI), or no answer recorded for the agency at `at`")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("eligibility")
    public EligibilityView forProgram(@PathParam("ori") @ValidOri String ori, @PathParam("programId") UUID programId,
                                      @Parameter(description = "an ISO-8601 instant or a date (end of that day, UTC)")
                                      @QueryParam("at") String at) {
        caller.requireAgency(ori, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN);
        GrantProgram program = programs.find(programId);
        requireKnown(ori);
        if (at == null || at.isBlank()) {
            return EligibilityView.of(eligibility.currentForProgram(ori, program));
        }
        Instant when = PointInTime.parse(at);
        return EligibilityView.of(eligibility.at(ori, program, when).orElseThrow(() -> new ProblemException(404,
                "no-decision-recorded", "No decision recorded", "no eligibility of agency " + ori + " for program "
                + programId + " was recorded on or before " + when + ": answers per program are kept from the"
                + " agency's application on")));
    }
}
