package org.safepolicing.coresponder.capacity;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.coresponder.program.ProgramResource;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Path("/api/v1/capacity")
@Tag(name = "Capacity", description = "Social workers and mental-health professionals per 100 sworn officers and per 100,000 residents")
@Produces(MediaType.APPLICATION_JSON)
public class CapacityResource {

    private final CapacityService capacity;
    private final Caller caller;

    CapacityResource(CapacityService capacity, Caller caller) {
        this.capacity = capacity;
        this.caller = caller;
    }

    @GET
    @Path("/agencies/{ori}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "An agency's clinician capacity", description = "Clinician positions of its ACTIVE programs over its sworn officers and population (agency registry).")
    @APIResponse(responseCode = "200", description = "The agency's capacity")
    public Capacity agency(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER);
        return capacity.agency(ori);
    }

    @GET
    @Path("/states")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "Clinician capacity per state", description = "Sums over the state's active registered agencies and ACTIVE programs.")
    @APIResponse(responseCode = "200", description = "One entry per state")
    @APIResponse(responseCode = "400", description = "An invalid state")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public List<Capacity> states(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state) {
        return capacity.states(state);
    }
}
