package org.safepolicing.grants.program;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.platform.web.QueryValues;

@Idempotent
@Path("/api/v1/grant-programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grant programs")
public class ProgramResource {

    private final GrantPrograms programs;

    ProgramResource(GrantPrograms programs) {
        this.programs = programs;
    }

    @POST
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Create a grant program", description = "Sec. 5 area, fiscal year, appropriation, application"
            + " window, allowed agency types and rule set. DOJ admin only; audited.")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Missing or malformed terms")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not doj-admin")
    @APIResponse(responseCode = "422", description = "Window closes before it opens, unknown rule, or the training"
            + " minimum does not match the rule set")
    public Response create(@Valid @NotNull ProgramTerms terms) {
        GrantProgram program = programs.create(terms);
        return Response.created(URI.create("/api/v1/grant-programs/" + program.id))
                .entity(ProgramView.of(program, programs.awarded(program.id))).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Change a grant program's terms", description = "Every applicant is re-decided under the new"
            + " terms. The appropriation cannot go below what was awarded. DOJ admin only; audited.")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "Missing or malformed terms")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not doj-admin")
    @APIResponse(responseCode = "404", description = "No such program")
    @APIResponse(responseCode = "409", description = "The appropriation would be below the awards made")
    @APIResponse(responseCode = "422", description = "Terms refused by a domain rule")
    public ProgramView update(@PathParam("id") UUID id, @Valid @NotNull ProgramTerms terms) {
        GrantProgram program = programs.update(id, terms);
        return ProgramView.of(program, programs.awarded(id));
    }

    @GET
    @RolesAllowed({Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AGENCY_USER})
    @Operation(summary = "List grant programs", description = "Newest fiscal year first; filter by fiscal year or area.")
    @APIResponse(responseCode = "200", description = "One page of programs")
    @APIResponse(responseCode = "400", description = "Bad paging or filter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "A role with no business in grants")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("grants-search")
    public Page<ProgramView> list(@QueryParam("fiscalYear") String fiscalYear,
                                  @Parameter(description = "a Sec. 5 area, e.g. CORESPONDER_COMMUNITY_SUPPORT")
                                  @QueryParam("area") String area, @Valid @BeanParam PageRequest paging) {
        return programs.list(QueryValues.integer("fiscalYear", fiscalYear),
                QueryValues.oneOf("area", area, GrantArea.class), paging).map(p -> ProgramView.of(p, programs.awarded(p.id)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AGENCY_USER})
    @Operation(summary = "One grant program, with what it has awarded and what remains")
    @APIResponse(responseCode = "200", description = "The program")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "A role with no business in grants")
    @APIResponse(responseCode = "404", description = "No such program")
    public ProgramView get(@PathParam("id") UUID id) {
        return ProgramView.of(programs.find(id), programs.awarded(id));
    }
}
