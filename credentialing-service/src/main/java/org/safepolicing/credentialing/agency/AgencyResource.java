package org.safepolicing.credentialing.agency;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Path("/api/v1/agencies")
@Tag(name = "Agencies", description = "The agency registry, keyed by FBI ORI")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgencyResource {

    private final AgencyService agencies;

    AgencyResource(AgencyService agencies) {
        this.agencies = agencies;
    }

    @POST
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Register an agency", description = "Publishes org.safepolicing.agency.registered on agency-registry.v1.")
    public Response register(@NotNull @Valid AgencyRequest request) {
        AgencyView view = AgencyView.of(agencies.register(request));
        return Response.created(URI.create("/api/v1/agencies/" + view.ori())).entity(view).build();
    }

    @GET
    @Path("/{ori}")
    @Authenticated
    @Operation(summary = "Read an agency's registry entry")
    public AgencyView get(@PathParam("ori") @ValidOri String ori) {
        return AgencyView.of(agencies.get(ori));
    }
}
