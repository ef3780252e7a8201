package org.safepolicing.credentialing.agency;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.safepolicing.platform.web.QueryValues;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.idempotency.TransactionTimeout;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Csv;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
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
    @APIResponse(responseCode = "201", description = "registered")
    @APIResponse(responseCode = "409", description = "the ORI is registered already")
    public Response register(@NotNull @Valid AgencyRequest request) {
        AgencyView view = AgencyView.of(agencies.register(request));
        return Response.created(URI.create("/api/v1/agencies/" + view.ori())).entity(view).build();
    }

    @GET
    @Authenticated
    @RateLimited("agency-search")
    @Operation(summary = "Search the registry", description = "By name or ORI fragment (q), state, type and active; ordered by ORI, paged.")
    @APIResponse(responseCode = "200", description = "one page of entries")
    @APIResponse(responseCode = "400", description = "an invalid filter or page (size above 500)")
    @APIResponse(responseCode = "429", description = "too many searches from this caller (platform.rate-limit.agency-search.per-minute); see Retry-After")
    public Page<AgencyView> search(@QueryParam("q") @Size(max = 100) String q,
                                   @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                                   @QueryParam("type") String type,
                                   @QueryParam("active") Boolean active,
                                   @Valid @BeanParam PageRequest paging) {
        return agencies.search(q, state, QueryValues.oneOf("type", type, AgencyType.class), active, paging).map(AgencyView::of);
    }

    @GET
    @Path("/{ori}")
    @Authenticated
    @Operation(summary = "Read an agency's registry entry")
    @APIResponse(responseCode = "404", description = "no such agency")
    public AgencyView get(@PathParam("ori") @ValidOri String ori) {
        return AgencyView.of(agencies.get(ori));
    }

    @PUT
    @Path("/{ori}")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Update an active agency's entry",
            description = "The whole entry, as in registration; the ORI never changes. Publishes agency.updated when anything changed.")
    @APIResponse(responseCode = "409", description = "the agency is deactivated (currentState)")
    public AgencyView update(@PathParam("ori") @ValidOri String ori, @NotNull @Valid AgencyRequest request) {
        return AgencyView.of(agencies.update(ori, request));
    }

    @POST
    @Path("/{ori}/deactivation")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Deactivate an agency", description = "The entry stays, with active=false; publishes agency.deactivated.")
    @APIResponse(responseCode = "409", description = "already deactivated (currentState)")
    public AgencyView deactivate(@PathParam("ori") @ValidOri String ori) {
        return AgencyView.of(agencies.deactivate(ori));
    }

    @POST
    @Path("/import")
    @Consumes({Csv.TEXT_CSV, MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Import agencies from CSV, all or nothing",
            description = "Header line first, naming columns among ori, name, type, state, county, sworn_officers, population_served, "
                    + "urban_rural (ori, name, type and state required). New ORIs are registered, known ones updated where they differ; "
                    + "each change is an event on agency-registry.v1. Any error refuses the whole file: 422 with lineErrors "
                    + "[{line, column, message}] (the header is line 1).")
    @APIResponse(responseCode = "200", description = "imported")
    @APIResponse(responseCode = "422", description = "errors by line; nothing was imported")
    @TransactionTimeout(seconds = AgencyService.IMPORT_TIMEOUT_SECONDS)
    public ImportResult importCsv(String csv) {
        // a whole national file in one transaction: begun here with room for it, or by the Idempotency-Key's interceptor
        return QuarkusTransaction.joiningExisting().timeout(AgencyService.IMPORT_TIMEOUT_SECONDS)
                .call(() -> agencies.importCsv(csv));
    }
}
