package org.safepolicing.coresponder.encounter;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.coresponder.program.ProgramOwner;
import org.safepolicing.coresponder.program.ProgramResource;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
@Path("/api/v1/agencies/{ori}/programs/{programId}/encounters")
@Tag(name = "Encounters", description = "De-identified encounters of a program: no names, dates of birth, addresses or free text")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EncounterResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EncounterResource.class);

    private final EncounterService encounters;
    private final EncounterParser parser;
    private final Caller caller;

    EncounterResource(EncounterService encounters, ObjectMapper json, Caller caller) {
        this.encounters = encounters;
        this.parser = new EncounterParser(json);
        this.caller = caller;
    }

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    /** The bulk body, for the API document. */
    @Schema(name = "EncounterBatch")
    public record Batch(@Schema(required = true, maxItems = EncounterParser.MAX_ITEMS) List<Encounter> encounters) {
    }

    /** What a bulk submission stored. */
    public record Accepted(UUID programId, int accepted) {
    }

    @POST
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Submit one encounter", description = "The agency's own users only; the program must have started (not PLANNED).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Encounter.class)))
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "400", description = "An identifying field (identifying-field), an unknown field (unknown-field) or an invalid value (invalid-encounters); nothing stored")
    @APIResponse(responseCode = "409", description = "The program is PLANNED (currentState)")
    public Response submit(@PathParam("ori") @ValidOri String ori, @PathParam("programId") UUID programId, InputStream body) {
        caller.requireAgency(ori);
        Encounter encounter = parser.parseOne(body);
        long id = encounters.submit(ProgramOwner.agency(ori), programId, encounter);
        return Response.created(URI.create("/api/v1/agencies/" + ori + "/programs/" + programId + "/encounters/" + id))
                .entity(new EncounterView(id, encounter.occurredAt(), encounter.reasons(), encounter.clinicianOnScene(),
                        encounter.responseMinutes(), encounter.outcome(), encounter.forceUsed(), encounter.injuries(),
                        encounter.followUp()))
                .build();
    }

    @POST
    @Path("/bulk")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Submit encounters in bulk",
            description = "Up to 200,000 encounters (a month of a city's calls) in one request, stored all or nothing. "
                    + "Every refusal lists its errors by index (errors[].field = encounters[i].field); nothing is stored. "
                    + "With an Idempotency-Key header, a retry of the same key stores nothing again and is answered as the "
                    + "first time, with Idempotent-Replayed: true.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Batch.class)))
    @APIResponse(responseCode = "200", description = "Every encounter stored (or, for a replayed key, stored before)",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Errors by index; nothing stored")
    @APIResponse(responseCode = "409", description = "The program is PLANNED (currentState)")
    public Response submitBatch(@PathParam("ori") @ValidOri String ori, @PathParam("programId") UUID programId,
                                @Parameter(description = "Optional; a retry with the same key for the same program stores nothing again and gets the first answer")
                                @HeaderParam(IDEMPOTENCY_KEY)
                                @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1-100 letters, digits, '.', '_', ':' or '-'")
                                String idempotencyKey,
                                InputStream body) {
        caller.requireAgency(ori);
        long start = System.nanoTime();
        List<Encounter> batch = parser.parseBatch(body);
        long parsed = System.nanoTime();
        EncounterService.BatchResult result = encounters.submitBatch(ProgramOwner.agency(ori), programId, batch, idempotencyKey);
        LOG.infof("program %s: %d encounters read in %d ms, %s in %d ms", programId, batch.size(),
                (parsed - start) / 1_000_000, result.replayed() ? "a replay of key " + idempotencyKey + ", answered" : "stored",
                (System.nanoTime() - parsed) / 1_000_000);
        return Response.ok(new Accepted(programId, result.accepted()))
                .header(REPLAYED, result.replayed() ? "true" : null).build();
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST})
    @RateLimited(ProgramResource.SEARCH_LIMIT)
    @Operation(summary = "List a program's encounters, newest first", description = "The agency's own users and HHS analysts. Every read is audited.")
    @APIResponse(responseCode = "200", description = "One page of encounters")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit coresponder-search); Retry-After says when to retry")
    public Page<EncounterView> list(@PathParam("ori") @ValidOri String ori, @PathParam("programId") UUID programId,
                                    @Valid @BeanParam PageRequest paging) {
        caller.requireAgency(ori, Roles.HHS_ANALYST);
        return encounters.list(ProgramOwner.agency(ori), programId, paging);
    }
}
