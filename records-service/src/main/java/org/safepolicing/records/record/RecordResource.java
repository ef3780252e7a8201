package org.safepolicing.records.record;

import java.net.URI;
import java.util.List;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** An agency's own submissions. Only the agency user of the ORI submits; DOJ and auditors may read. */
@Idempotent
@OfficerLevelData
@Path("/api/v1/agencies/{ori}/records")
@Tag(name = "Records", description = "Misconduct records submitted by an agency, with fair process and history")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordResource {

    public record RecordWithHistory(RecordView record, List<RecordHistory.EntryView> history) {
    }

    private final RecordService records;
    private final RecordHistory history;
    private final Caller caller;

    RecordResource(RecordService records, RecordHistory history, Caller caller) {
        this.records = records;
        this.history = history;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Submit one record", description = "The officer is found (or registered) by state + certification"
            + " number. A record whose fair process is final is ACTIVE; otherwise it is held as PENDING_FAIR_PROCESS.")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "403", description = "not this agency's user")
    @APIResponse(responseCode = "422", description = "a domain rule refuses it (e.g. another date of birth on file)")
    public Response submit(@PathParam("ori") @ValidOri String ori, @NotNull @Valid RecordRequests.Submission submission) {
        caller.requireAgency(ori);
        RecordView view = RecordView.of(records.submit(ori, submission));
        return Response.created(URI.create("/api/v1/agencies/" + ori + "/records/" + view.id())).entity(view).build();
    }

    @POST
    @Path("/bulk")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Submit up to 10,000 records at once", description = "All or nothing; repeating a request with"
            + " the same clientKey returns the first result and stores nothing new; the same key with other records is 409.")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "200", description = "a repeat of an earlier submission; nothing new stored")
    @APIResponse(responseCode = "409", description = "the client key was used for other records")
    @APIResponse(responseCode = "422", description = "an item breaks a domain rule; nothing was stored")
    public Response submitBulk(@PathParam("ori") @ValidOri String ori, @NotNull @Valid RecordRequests.BulkSubmission bulk) {
        caller.requireAgency(ori);
        RecordService.BulkResult result = records.submitBulk(ori, bulk);
        return Response.status(result.replayed() ? 200 : 201).entity(result).build();
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.AUDITOR})
    @Operation(summary = "List the agency's submitted records, newest first")
    @APIResponse(responseCode = "200", description = "one page")
    @APIResponse(responseCode = "403", description = "another agency's submissions")
    public Page<RecordView> list(@PathParam("ori") @ValidOri String ori, @Valid @BeanParam PageRequest paging) {
        caller.requireAgency(ori, Roles.DOJ_ADMIN, Roles.AUDITOR);
        return records.listForAgency(ori, paging);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Read one submitted record with its full history")
    @APIResponse(responseCode = "200", description = "the record and every state it went through")
    @APIResponse(responseCode = "403", description = "another agency's submissions")
    @APIResponse(responseCode = "404", description = "no such record under this agency")
    public RecordWithHistory get(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        caller.requireAgency(ori, Roles.DOJ_ADMIN, Roles.AUDITOR);
        return new RecordWithHistory(RecordView.of(records.readForAgency(ori, id)), history.of(id));
    }

    @PUT
    @Path("/{id}/fair-process")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Update the fair-process facts of a held record", description = "When the process is final the"
            + " record becomes ACTIVE and agencies enrolled for the officer get a notice on their feed.")
    @APIResponse(responseCode = "200", description = "updated")
    @APIResponse(responseCode = "409", description = "the record is not PENDING_FAIR_PROCESS")
    public RecordView updateFairProcess(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                        @NotNull @Valid RecordRequests.FairProcess fairProcess) {
        caller.requireAgency(ori);
        return RecordView.of(records.updateFairProcess(ori, id, fairProcess));
    }
}
