package org.safepolicing.grants.award;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.grants.ranking.SurveyRanking;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
@Path("/api/v1/grant-programs/{programId}/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications and awards")
public class ApplicationResource {

    private final Awards awards;
    private final SurveyRanking ranking;
    private final Caller caller;
    private final ObjectMapper json;

    ApplicationResource(Awards awards, SurveyRanking ranking, Caller caller, ObjectMapper json) {
        this.awards = awards;
        this.ranking = ranking;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Apply to a grant program", description = "An agency user, for its own agency only, while the"
            + " application window is open. The agency's eligibility for the program is checked now and kept with the"
            + " application; from now on it is kept current and published for this program. Audited.")
    @APIResponse(responseCode = "201", description = "Applied; Location names the application")
    @APIResponse(responseCode = "400", description = "Missing or malformed request")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an agency user, or another agency's ORI")
    @APIResponse(responseCode = "404", description = "No such program")
    @APIResponse(responseCode = "409", description = "The agency applied to this program already")
    @APIResponse(responseCode = "422", description = "Window closed, request above the appropriation, or the agency is"
            + " not eligible (failingRules, whatMustChange)")
    public Response apply(@PathParam("programId") UUID programId, @Valid @NotNull AwardViews.ApplicationRequest request) {
        caller.requireAgency(request.ori());
        GrantApplication application = awards.apply(programId, request.ori(), request.requestedAmount(), request.purpose());
        return Response.created(URI.create("/api/v1/grant-applications/" + application.id))
                .entity(AwardViews.ApplicationView.of(application, json)).build();
    }

    @GET
    @RolesAllowed({Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "A program's applications, oldest first or in the survey's order", description = "order=submitted"
            + " (the default): oldest first. order=survey, for programs in CORESPONDER_COMMUNITY_SUPPORT only (Sec."
            + " 5(b)(i)): by the models the latest national survey report for the program's fiscal year or an earlier"
            + " year recommends (HHS's report, Sec. 4(c); resources prioritized as it recommends, Sec. 4(d)). An"
            + " application's rank is the best report rank among the models of its agency's ACTIVE co-responder"
            + " programs; ties go by application time; an application without a recommended model (no ACTIVE program,"
            + " none running a ranked model, or no report yet) comes last with the reason. Each application carries"
            + " `ranking`: position, model, modelRank, recommendation, rule, report and reason. The order never decides"
            + " eligibility or an award.")
    @APIResponse(responseCode = "200", description = "One page of applications")
    @APIResponse(responseCode = "400", description = "Bad paging, or an order other than submitted or survey")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a grant officer or DOJ admin")
    @APIResponse(responseCode = "404", description = "No such program")
    @APIResponse(responseCode = "422", description = "order=survey for a program outside CORESPONDER_COMMUNITY_SUPPORT"
            + " (survey-ranking-not-offered)")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("grants-search")
    public Page<AwardViews.ApplicationView> applications(@PathParam("programId") UUID programId,
                                                         @Parameter(description = "submitted (default) or survey",
                                                                 schema = @Schema(enumeration = {"submitted", "survey"}))
                                                         @QueryParam("order") String order,
                                                         @Valid @BeanParam PageRequest paging) {
        if (order == null || order.isBlank() || order.equals("submitted")) {
            return awards.applications(programId, paging).map(a -> AwardViews.ApplicationView.of(a, json));
        }
        if (order.equals("survey")) {
            return ranking.rank(programId, () -> awards.applicationsAsSubmitted(programId), a -> a.ori, paging)
                    .map(r -> AwardViews.ApplicationView.of(r, json));
        }
        throw ProblemException.badRequest("order must be submitted or survey, not '" + order + "'");
    }
}
