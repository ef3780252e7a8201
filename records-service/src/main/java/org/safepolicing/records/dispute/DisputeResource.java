package org.safepolicing.records.dispute;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** The reviewer's side of disputes: DOJ, a neutral party (the submitting agency is a party to the dispute). */
@Idempotent
@OfficerLevelData
@Path("/api/v1/disputes")
@Tag(name = "Disputes", description = "Officer disputes of records and DOJ's review of them")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DisputeResource {

    private final DisputeService disputes;

    DisputeResource(DisputeService disputes) {
        this.disputes = disputes;
    }

    @GET
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Open disputes, oldest first")
    @APIResponse(responseCode = "200", description = "one page")
    public Page<DisputeView> open(@Valid @BeanParam PageRequest paging) {
        return disputes.open(paging).map(DisputeView::of);
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Decide a dispute: UPHOLD, AMEND or EXPUNGE", description = "UPHOLD returns the record to"
            + " ACTIVE with the officer's statement; AMEND corrects it (AMENDED); EXPUNGE vacates it (EXPUNGED, never"
            + " disclosed again). An amendment or expungement goes to the feed of every agency the record was disclosed to.")
    @APIResponse(responseCode = "200", description = "decided")
    @APIResponse(responseCode = "409", description = "the dispute is decided already")
    @APIResponse(responseCode = "422", description = "AMEND without an amendment")
    public DisputeView decide(@PathParam("id") UUID id, @NotNull @Valid DisputeRequests.Decision decision) {
        return DisputeView.of(disputes.decide(id, decision));
    }
}
