package org.safepolicing.coresponder.encounter;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

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
        long id = encounters.submit(ori, programId, encounter);
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
                    + "Every refusal lists its errors by index (errors[].field = encounters[i].field); nothing is stored.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Batch.class)))
    @APIResponse(responseCode = "200", description = "Every encounter stored")
    @APIResponse(responseCode = "400", description = "Errors by index; nothing stored")
    @APIResponse(responseCode = "409", description = "The program is PLANNED (currentState)")
    public Accepted submitBatch(@PathParam("ori") @ValidOri String ori, @PathParam("programId") UUID programId,
                                InputStream body) {
        caller.requireAgency(ori);
        long start = System.nanoTime();
        List<Encounter> batch = parser.parseBatch(body);
        long parsed = System.nanoTime();
        Accepted accepted = new Accepted(programId, encounters.submitBatch(ori, programId, batch));
        LOG.infof("program %s: %d encounters read in %d ms, stored in %d ms", programId, batch.size(),
                (parsed - start) / 1_000_000, (System.nanoTime() - parsed) / 1_000_000);
        return accepted;
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST})
    @Operation(summary = "List a program's encounters, newest first", description = "The agency's own users and HHS analysts.")
    @APIResponse(responseCode = "200", description = "One page of encounters")
    public Page<EncounterView> list(@PathParam("ori") @ValidOri String ori, @PathParam("programId") UUID programId,
                                    @Valid @BeanParam PageRequest paging) {
        caller.requireAgency(ori, Roles.HHS_ANALYST);
        return encounters.list(ori, programId, paging);
    }
}
