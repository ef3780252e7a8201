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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
@Path("/api/v1/grant-applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications and awards")
public class GrantApplicationResource {

    private final Awards awards;
    private final Caller caller;
    private final ObjectMapper json;

    GrantApplicationResource(Awards awards, Caller caller, ObjectMapper json) {
        this.awards = awards;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "One application", description = "Agency users see their own agency's only.")
    @APIResponse(responseCode = "200", description = "The application")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Another agency's application, or a role with no business here")
    @APIResponse(responseCode = "404", description = "No such application")
    public AwardViews.ApplicationView application(@PathParam("id") UUID id) {
        GrantApplication application = awards.application(id);
        caller.requireAgency(application.ori, Roles.GRANT_OFFICER, Roles.DOJ_ADMIN);
        return AwardViews.ApplicationView.of(application, json);
    }

    @POST
    @Path("/{id}/award")
    @RolesAllowed(Roles.GRANT_OFFICER)
    @Operation(summary = "Award a grant on an application", description = "A grant officer. The agency's eligibility"
            + " for the program is checked again; the program's awards never exceed its appropriation, also when"
            + " officers award at the same moment (the program's row is locked; the later award sees the earlier one)."
            + " Audited.")
    @APIResponse(responseCode = "201", description = "Awarded; Location names the award")
    @APIResponse(responseCode = "400", description = "Missing or malformed amount")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a grant officer")
    @APIResponse(responseCode = "404", description = "No such application")
    @APIResponse(responseCode = "409", description = "Already awarded, or the award exceeds what remains of the"
            + " appropriation (remaining)")
    @APIResponse(responseCode = "422", description = "More than requested, or the agency is not eligible now")
    public Response award(@PathParam("id") UUID id, @Valid @NotNull AwardViews.AwardRequest request) {
        GrantAward award = awards.award(id, request.amount());
        return Response.created(URI.create("/api/v1/grant-awards/" + award.id))
                .entity(AwardViews.AwardView.of(award, json)).build();
    }
}
