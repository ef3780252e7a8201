package org.safepolicing.grants.award;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.platform.web.QueryValues;

@Path("/api/v1/grant-awards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications and awards")
public class AwardResource {

    private final Awards awards;
    private final Caller caller;
    private final ObjectMapper json;

    AwardResource(Awards awards, Caller caller, ObjectMapper json) {
        this.awards = awards;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "Awards, oldest first", description = "Filter by program, and by flagged=true for the awards"
            + " whose agency is no longer eligible (for review).")
    @APIResponse(responseCode = "200", description = "One page of awards")
    @APIResponse(responseCode = "400", description = "Bad paging or filter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a grant officer or DOJ admin")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("grants-search")
    public Page<AwardViews.AwardView> list(@Parameter(description = "a grant program id") @QueryParam("programId") String programId,
                                           @Parameter(description = "true or false") @QueryParam("flagged") String flagged,
                                           @Valid @BeanParam PageRequest paging) {
        return awards.awards(QueryValues.uuid("programId", programId),
                QueryValues.bool("flagged", flagged), paging).map(a -> AwardViews.AwardView.of(a, json));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "One award, with its review flag", description = "Agency users see their own agency's only.")
    @APIResponse(responseCode = "200", description = "The award")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Another agency's award, or a role with no business here")
    @APIResponse(responseCode = "404", description = "No such award")
    public AwardViews.AwardView get(@PathParam("id") UUID id) {
        GrantAward award = awards.award(id);
        caller.requireAgency(award.ori, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN);
        return AwardViews.AwardView.of(award, json);
    }
}
