package org.safepolicing.credentialing.standard;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.PermitAll;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;

@Idempotent
@Path("/api/v1/standards")
@Tag(name = "Standards", description = "DOJ's certification standards, versioned; public to read")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StandardsResource {

    private final StandardsService standards;
    private final Caller caller;

    StandardsResource(StandardsService standards, Caller caller) {
        this.standards = standards;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "Every version of the standards catalog, newest first")
    public List<StandardsCatalog> all() {
        return standards.all();
    }

    @GET
    @Path("/current")
    @PermitAll
    @Operation(summary = "The current version: what a credential sought today is assessed under")
    public StandardsCatalog current() {
        return standards.current();
    }

    @GET
    @Path("/{version}")
    @PermitAll
    @Operation(summary = "One version of the standards catalog")
    @APIResponse(responseCode = "404", description = "no such version")
    public StandardsCatalog get(@PathParam("version") String version) {
        return standards.get(version);
    }

    @POST
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Publish a new version (DOJ)",
            description = "Becomes the current version for credentials sought and bodies applying from now on; credentials "
                    + "already sought or decided keep the version they were assessed under. UOF_LAWFUL and CHOKEHOLD_BAN must be MANDATORY.")
    @APIResponse(responseCode = "201", description = "published")
    @APIResponse(responseCode = "409", description = "the version exists")
    @APIResponse(responseCode = "422", description = "a standard the order makes mandatory is missing")
    public Response publish(@NotNull @Valid StandardsRequests.Publication publication) {
        StandardsCatalog published = standards.publish(publication, caller.name());
        return Response.created(URI.create("/api/v1/standards/" + published.version())).entity(published).build();
    }
}
