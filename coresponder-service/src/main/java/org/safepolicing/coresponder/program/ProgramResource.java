package org.safepolicing.coresponder.program;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.coresponder.web.Years;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
@Path("/api/v1")
@Tag(name = "Programs", description = "Co-responder and community-support programs of an agency (Sec. 4)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProgramResource {

    /** Roles that read every agency's programs. */
    static final String[] CROSS_AGENCY_READERS = {Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER};
    /** The rate limit every list and search endpoint of the service shares (platform.rate-limit.coresponder-search.per-minute). */
    public static final String SEARCH_LIMIT = "coresponder-search";

    private final ProgramService programs;
    private final Caller caller;

    ProgramResource(ProgramService programs, Caller caller) {
        this.programs = programs;
        this.caller = caller;
    }

    @POST
    @Path("/agencies/{ori}/programs")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Create a program (PLANNED)",
            description = "The agency's own users only. Publishes coresponder.program.status-changed (previousStatus null) on coresponder.events.v1, key ORI.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json)")
    @APIResponse(responseCode = "403", description = "Another agency, or a role that may not create programs")
    public Response create(@PathParam("ori") @ValidOri String ori, @NotNull @Valid ProgramRequests.Create request) {
        caller.requireAgency(ori);
        ProgramView view = ProgramView.of(programs.create(ori, request));
        return Response.created(URI.create("/api/v1/agencies/" + ori + "/programs/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/agencies/{ori}/programs")
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "List an agency's programs")
    @APIResponse(responseCode = "200", description = "One page of programs, oldest first")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public Page<ProgramView> list(@PathParam("ori") @ValidOri String ori, @Valid @BeanParam PageRequest paging) {
        caller.requireAgency(ori, CROSS_AGENCY_READERS);
        return programs.list(ori, null, null, null, paging).map(ProgramView::of);
    }

    @GET
    @Path("/programs")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "List programs across agencies", description = "For HHS analysts, DOJ and grant officers; filters by model, status and state.")
    @APIResponse(responseCode = "200", description = "One page of programs, oldest first")
    @APIResponse(responseCode = "400", description = "An invalid filter or page")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public Page<ProgramView> listAll(@QueryParam("model") ProgramModel model, @QueryParam("status") ProgramStatus status,
                                     @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                                     @Valid @BeanParam PageRequest paging) {
        return programs.list(null, model, status, state, paging).map(ProgramView::of);
    }

    @GET
    @Path("/agencies/{ori}/programs/{id}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "Read a program")
    @APIResponse(responseCode = "200", description = "The program")
    @APIResponse(responseCode = "404", description = "No such program for this agency")
    public ProgramView get(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        caller.requireAgency(ori, CROSS_AGENCY_READERS);
        return ProgramView.of(programs.find(ori, id));
    }

    @GET
    @Path("/agencies/{ori}/programs/{id}/history")
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "A program's status history, oldest first")
    @APIResponse(responseCode = "200", description = "Every status the program has had")
    public List<ProgramView.StatusChangeView> history(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        caller.requireAgency(ori, CROSS_AGENCY_READERS);
        return programs.history(ori, id).stream().map(ProgramView.StatusChangeView::of).toList();
    }

    @POST
    @Path("/agencies/{ori}/programs/{id}/status")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Change a program's status",
            description = "PLANNED → ACTIVE | ENDED; ACTIVE → SUSPENDED | ENDED; SUSPENDED → ACTIVE | ENDED; ENDED is final. "
                    + "Publishes coresponder.program.status-changed; any other change is 409 naming the current state.")
    @APIResponse(responseCode = "200", description = "The program in its new status")
    @APIResponse(responseCode = "409", description = "Not allowed from the current state (currentState, allowed)")
    public ProgramView changeStatus(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                    @NotNull @Valid ProgramRequests.StatusChange request) {
        caller.requireAgency(ori);
        return ProgramView.of(programs.changeStatus(ori, id, request));
    }

    @PUT
    @Path("/agencies/{ori}/programs/{id}/clinicians")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Replace a program's clinician positions", description = "Not for an ENDED program (409).")
    @APIResponse(responseCode = "200", description = "The program with its clinicians")
    public ProgramView replaceClinicians(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                        @NotNull @Valid ProgramRequests.Clinicians request) {
        caller.requireAgency(ori);
        return ProgramView.of(programs.replaceClinicians(ori, id, request));
    }

    @PUT
    @Path("/agencies/{ori}/programs/{id}/costs/{year}")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Report a program's annual budget for a year",
            description = "Sec. 4(c): the survey gives cost per encounter and per diverted arrest from it. A later report for the "
                    + "same year replaces the earlier one (a correction); audited as program.cost.")
    @APIResponse(responseCode = "200", description = "The cost as stored")
    @APIResponse(responseCode = "400", description = "Invalid budget, funding source or year (2000-2100)")
    @APIResponse(responseCode = "404", description = "No such program for this agency")
    public ProgramRequests.CostView reportCost(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                               @PathParam("year") @Parameter(description = "The calendar year, 2000-2100; anything else is 400 invalid-input",
                                                       schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100"))
                                               @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE) String year,
                                               @NotNull @Valid ProgramRequests.Cost request) {
        caller.requireAgency(ori);
        return programs.reportCost(ori, id, Years.required(year), request);
    }

    @GET
    @Path("/agencies/{ori}/programs/{id}/costs")
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "A program's reported annual budgets, by year")
    @APIResponse(responseCode = "200", description = "Every year's budget and funding source")
    @APIResponse(responseCode = "404", description = "No such program for this agency")
    public List<ProgramRequests.CostView> costs(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        caller.requireAgency(ori, CROSS_AGENCY_READERS);
        return programs.costs(ori, id);
    }
}
