package org.safepolicing.coresponder.community;

import java.io.InputStream;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.coresponder.encounter.Encounter;
import org.safepolicing.coresponder.encounter.EncounterParser;
import org.safepolicing.coresponder.encounter.EncounterResource;
import org.safepolicing.coresponder.encounter.EncounterService;
import org.safepolicing.coresponder.encounter.EncounterView;
import org.safepolicing.coresponder.program.ProgramOwner;
import org.safepolicing.coresponder.program.ProgramRequests;
import org.safepolicing.coresponder.program.ProgramResource;
import org.safepolicing.coresponder.program.ProgramService;
import org.safepolicing.coresponder.web.Years;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.platform.web.QueryValues;

/**
 * Community-support programs that are not attached to a police agency (EO 13929 Sec. 4(c)): providers with their own id
 * and no ORI (a county health department, a nonprofit), their programs, costs and encounters. Stated policy: HHS
 * analysts, who run the survey, register the providers and report for them (the suite has no provider role); HHS
 * analysts, DOJ administrators and grant officers read them; agency users have no business here (403).
 */
@Idempotent
@Path("/api/v1/community-providers")
@Tag(name = "Community providers", description = "Community-support programs run by providers that are not police agencies (Sec. 4(c)); no ORI")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommunityProviderResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CommunityProviderResource.class);
    /** Ids in paths are taken as text and checked, so a malformed one is 400, never 404. */
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String UUID_MESSAGE = "must be a UUID";
    static final String KINDS = "COUNTY_HEALTH_DEPARTMENT|NONPROFIT|OTHER";
    /** Roles that read community providers and their programs. */
    static final String[] READERS = {Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER};

    private final CommunityProviderService providers;
    private final ProgramService programs;
    private final EncounterService encounters;
    private final EncounterParser parser;

    CommunityProviderResource(CommunityProviderService providers, ProgramService programs, EncounterService encounters,
                              ObjectMapper json) {
        this.providers = providers;
        this.programs = programs;
        this.encounters = encounters;
        this.parser = new EncounterParser(json);
    }

    @POST
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Register a community provider (not a police agency)",
            description = "HHS analysts only. A COUNTY_HEALTH_DEPARTMENT names its county. The same name (case-insensitive), "
                    + "state and county again is 409 already-exists. Audited as community-provider.register.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json)")
    @APIResponse(responseCode = "403", description = "A role that may not register providers")
    @APIResponse(responseCode = "409", description = "Already registered (already-exists)")
    public Response register(@NotNull @Valid CommunityRequests.Register request) {
        CommunityRequests.ProviderView view = CommunityRequests.ProviderView.of(providers.register(request));
        return Response.created(URI.create("/api/v1/community-providers/" + view.id())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "List community providers", description = "Filters by state and kind.")
    @APIResponse(responseCode = "200", description = "One page of providers, oldest first")
    @APIResponse(responseCode = "400", description = "An invalid filter or page")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public Page<CommunityRequests.ProviderView> list(
            @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
            @QueryParam("kind") @Pattern(regexp = KINDS, message = "must be one of " + KINDS) String kind,
            @Valid @BeanParam PageRequest paging) {
        return providers.list(state, QueryValues.oneOf("kind", kind, ProviderKind.class), paging).map(CommunityRequests.ProviderView::of);
    }

    @GET
    @Path("/{providerId}")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "Read a community provider")
    @APIResponse(responseCode = "200", description = "The provider")
    @APIResponse(responseCode = "404", description = "No such provider")
    public CommunityRequests.ProviderView get(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText) {
        UUID providerId = UUID.fromString(providerIdText);
        return CommunityRequests.ProviderView.of(providers.find(providerId));
    }

    @POST
    @Path("/{providerId}/programs")
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Create a community provider's program (PLANNED)",
            description = "HHS analysts only. No event is published: CoResponderProgramChanged is keyed by an ORI, which a "
                    + "community provider does not have.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json)")
    @APIResponse(responseCode = "404", description = "No such provider")
    public Response createProgram(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @NotNull @Valid ProgramRequests.Create request) {
        UUID providerId = UUID.fromString(providerIdText);
        providers.find(providerId);
        CommunityRequests.ProgramView view = CommunityRequests.ProgramView.of(programs.create(ProgramOwner.provider(providerId), request));
        return Response.created(URI.create("/api/v1/community-providers/" + providerId + "/programs/" + view.id()))
                .entity(view).build();
    }

    @GET
    @Path("/{providerId}/programs")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "List a community provider's programs")
    @APIResponse(responseCode = "200", description = "One page of programs, oldest first")
    @APIResponse(responseCode = "404", description = "No such provider")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public Page<CommunityRequests.ProgramView> programs(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText,
                                                        @Valid @BeanParam PageRequest paging) {
        UUID providerId = UUID.fromString(providerIdText);
        providers.find(providerId);
        return programs.listOfProvider(providerId, paging).map(CommunityRequests.ProgramView::of);
    }

    @GET
    @Path("/{providerId}/programs/{id}")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "Read a community provider's program")
    @APIResponse(responseCode = "200", description = "The program")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    public CommunityRequests.ProgramView program(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String idText) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID id = UUID.fromString(idText);
        return CommunityRequests.ProgramView.of(programs.find(ProgramOwner.provider(providerId), id));
    }

    @GET
    @Path("/{providerId}/programs/{id}/history")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "A community program's status history, oldest first")
    @APIResponse(responseCode = "200", description = "Every status the program has had")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    public List<CommunityRequests.StatusChangeView> history(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String idText) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID id = UUID.fromString(idText);
        return programs.history(ProgramOwner.provider(providerId), id).stream()
                .map(c -> new CommunityRequests.StatusChangeView(c.from, c.to, c.reason, c.changedBy, c.changedAt)).toList();
    }

    @POST
    @Path("/{providerId}/programs/{id}/status")
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Change a community program's status",
            description = "The same transitions as an agency's program; any other change is 409 naming the current state. No event.")
    @APIResponse(responseCode = "200", description = "The program in its new status")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    @APIResponse(responseCode = "409", description = "Not allowed from the current state (currentState, allowed)")
    public CommunityRequests.ProgramView changeStatus(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String idText,
                                                      @NotNull @Valid ProgramRequests.StatusChange request) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID id = UUID.fromString(idText);
        return CommunityRequests.ProgramView.of(programs.changeStatus(ProgramOwner.provider(providerId), id, request));
    }

    @PUT
    @Path("/{providerId}/programs/{id}/clinicians")
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Replace a community program's clinician positions", description = "Not for an ENDED program (409).")
    @APIResponse(responseCode = "200", description = "The program with its clinicians")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    public CommunityRequests.ProgramView replaceClinicians(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String idText,
                                                           @NotNull @Valid ProgramRequests.Clinicians request) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID id = UUID.fromString(idText);
        return CommunityRequests.ProgramView.of(programs.replaceClinicians(ProgramOwner.provider(providerId), id, request));
    }

    @PUT
    @Path("/{providerId}/programs/{id}/costs/{year}")
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Report a community program's annual budget for a year",
            description = "As for an agency's program: a later report for the same year replaces the earlier one; audited as program.cost.")
    @APIResponse(responseCode = "200", description = "The cost as stored")
    @APIResponse(responseCode = "400", description = "Invalid budget, funding source or year (2000-2100)")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    public ProgramRequests.CostView reportCost(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String idText,
                                               @PathParam("year")
                                               @Parameter(description = "Calendar year, 2000-2100", schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100"))
                                               @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE) String year,
                                               @NotNull @Valid ProgramRequests.Cost request) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID id = UUID.fromString(idText);
        return programs.reportCost(ProgramOwner.provider(providerId), id, Years.required(year), request);
    }

    @GET
    @Path("/{providerId}/programs/{id}/costs")
    @RolesAllowed({Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "A community program's reported annual budgets, by year")
    @APIResponse(responseCode = "200", description = "Every year's budget and funding source")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    public List<ProgramRequests.CostView> costs(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String idText) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID id = UUID.fromString(idText);
        return programs.costs(ProgramOwner.provider(providerId), id);
    }

    @POST
    @Path("/{providerId}/programs/{programId}/encounters")
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Submit one encounter of a community program",
            description = "The same de-identified encounter as an agency's; the program must have started (not PLANNED).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Encounter.class)))
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "400", description = "An identifying field (identifying-field), an unknown field (unknown-field) or an invalid value (invalid-encounters); nothing stored")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    @APIResponse(responseCode = "409", description = "The program is PLANNED (currentState)")
    public Response submit(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("programId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String programIdText, InputStream body) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID programId = UUID.fromString(programIdText);
        Encounter e = parser.parseOne(body);
        long id = encounters.submit(ProgramOwner.provider(providerId), programId, e);
        return Response.created(URI.create("/api/v1/community-providers/" + providerId + "/programs/" + programId + "/encounters/" + id))
                .entity(new EncounterView(id, e.occurredAt(), e.reasons(), e.clinicianOnScene(), e.responseMinutes(),
                        e.outcome(), e.forceUsed(), e.injuries(), e.followUp()))
                .build();
    }

    @POST
    @Path("/{providerId}/programs/{programId}/encounters/bulk")
    @RolesAllowed(Roles.HHS_ANALYST)
    @Operation(summary = "Submit a community program's encounters in bulk",
            description = "As for an agency's program: up to 200,000 encounters, all or nothing, errors by index; an optional "
                    + "Idempotency-Key makes a retry store nothing again and answer as the first time (Idempotent-Replayed: true).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EncounterResource.Batch.class)))
    @APIResponse(responseCode = "200", description = "Every encounter stored (or, for a replayed key, stored before)",
            content = @Content(schema = @Schema(implementation = EncounterResource.Accepted.class)))
    @APIResponse(responseCode = "400", description = "Errors by index; nothing stored")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    @APIResponse(responseCode = "409", description = "The program is PLANNED (currentState)")
    public Response submitBatch(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("programId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String programIdText,
                                @Parameter(description = "Optional; a retry with the same key for the same program stores nothing again and gets the first answer")
                                @HeaderParam(EncounterResource.IDEMPOTENCY_KEY)
                                @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1-100 letters, digits, '.', '_', ':' or '-'")
                                String idempotencyKey,
                                InputStream body) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID programId = UUID.fromString(programIdText);
        List<Encounter> batch = parser.parseBatch(body);
        EncounterService.BatchResult result = encounters.submitBatch(ProgramOwner.provider(providerId), programId, batch,
                idempotencyKey);
        LOG.infof("community program %s: %d encounters %s", programId, batch.size(), result.replayed() ? "replayed" : "stored");
        return Response.ok(new EncounterResource.Accepted(programId, result.accepted()))
                .header(EncounterResource.REPLAYED, result.replayed() ? "true" : null).build();
    }

    @GET
    @Path("/{providerId}/programs/{programId}/encounters")
    @RolesAllowed(Roles.HHS_ANALYST)
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "List a community program's encounters, newest first", description = "HHS analysts only. Every read is audited.")
    @APIResponse(responseCode = "200", description = "One page of encounters")
    @APIResponse(responseCode = "404", description = "No such program for this provider")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public Page<EncounterView> encounters(@PathParam("providerId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String providerIdText, @PathParam("programId") @Pattern(regexp = UUID_PATTERN, message = UUID_MESSAGE) String programIdText,
                                          @Valid @BeanParam PageRequest paging) {
        UUID providerId = UUID.fromString(providerIdText);
        UUID programId = UUID.fromString(programIdText);
        return encounters.list(ProgramOwner.provider(providerId), programId, paging);
    }
}
