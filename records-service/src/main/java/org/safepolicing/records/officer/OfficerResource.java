package org.safepolicing.records.officer;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.security.Roles;

@Path("/api/v1/officers/{officerId}")
@Tag(name = "Officers", description = "Officers, identified by state + POST certification number, with employment by ORI")
@Produces(MediaType.APPLICATION_JSON)
public class OfficerResource {

    private final OfficerAccess access;

    OfficerResource(OfficerAccess access) {
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.DOJ_ADMIN, Roles.AGENCY_USER})
    @Operation(summary = "Read an officer and their employment history", description = "The officer themself, DOJ, or"
            + " an agency that employs or employed the officer.")
    @APIResponse(responseCode = "200", description = "the officer")
    @APIResponse(responseCode = "403", description = "another officer, or an agency that never employed them")
    @APIResponse(responseCode = "404", description = "no such officer")
    public OfficerView get(@PathParam("officerId") UUID officerId) {
        return access.officer(officerId);
    }
}
