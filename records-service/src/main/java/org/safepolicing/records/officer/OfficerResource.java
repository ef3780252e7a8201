package org.safepolicing.records.officer;

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
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.records.dispute.DisputeRequests;
import org.safepolicing.records.dispute.DisputeService;
import org.safepolicing.records.dispute.DisputeView;

@OfficerLevelData
@Path("/api/v1/officers/{officerId}")
@Tag(name = "Officers", description = "Officers, identified by state + POST certification number, with employment by"
        + " ORI; an officer's own records, every disclosure of them, and disputes")
@Idempotent
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OfficerResource {

    private final OfficerAccess access;
    private final DisputeService disputes;
    private final Caller caller;

    OfficerResource(OfficerAccess access, DisputeService disputes, Caller caller) {
        this.access = access;
        this.disputes = disputes;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.DOJ_ADMIN, Roles.AGENCY_USER})
    @Operation(summary = "Read an officer and their employment history", description = "The officer themself, DOJ, or"
            + " an agency that employs or employed the officer.")
    @APIResponse(responseCode = "200", description = "the officer")
    @APIResponse(responseCode = "403", description = "another officer, or an agency that never employed them")
    @APIResponse(responseCode = "404", description = "no such officer")
    public OfficerView get(@PathParam("officerId") UUID officerId) {
        return access.officer(officerId);
    }

    @GET
    @Path("/records")
    @RolesAllowed({Roles.OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "Every record about the officer, in every state, with its history", description = "The"
            + " officer (claim officer_id) or DOJ.")
    @APIResponse(responseCode = "200", description = "the records")
    @APIResponse(responseCode = "403", description = "another officer's records")
    public List<OfficerAccess.OwnRecord> records(@PathParam("officerId") UUID officerId) {
        caller.requireOfficer(officerId, Roles.DOJ_ADMIN);
        return access.records(officerId);
    }

    @GET
    @Path("/disclosures")
    @RolesAllowed({Roles.OFFICER, Roles.DOJ_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The accounting of every disclosure of the officer's records", description = "Which agency,"
            + " who, when, for what purpose, which record.")
    @APIResponse(responseCode = "200", description = "newest first")
    @APIResponse(responseCode = "403", description = "another officer's disclosures")
    public List<OfficerAccess.DisclosureView> disclosures(@PathParam("officerId") UUID officerId) {
        caller.requireOfficer(officerId, Roles.DOJ_ADMIN, Roles.AUDITOR);
        return access.disclosures(officerId);
    }

    @GET
    @Path("/notices")
    @RolesAllowed({Roles.OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "The officer's notices, newest first", description = "What happened to records about the"
            + " officer: RECORD_SUBMITTED (by which agency), RECORD_DISCLOSABLE (fair process final), RECORD_DISCLOSED"
            + " (to which agency and user, for what purpose, by a check or a continuous-check notice) and"
            + " DISPUTE_DECIDED (outcome, reason, changes). The officer (claim officer_id) or DOJ, which runs the"
            + " database and reviews disputes. Every read is audited, one row per notice.")
    @APIResponse(responseCode = "200", description = "one page")
    @APIResponse(responseCode = "403", description = "another officer's notices")
    @APIResponse(responseCode = "404", description = "no such officer")
    public Page<OfficerAccess.NoticeView> notices(@PathParam("officerId") UUID officerId,
                                                  @Valid @BeanParam PageRequest paging) {
        caller.requireOfficer(officerId, Roles.DOJ_ADMIN);
        return access.notices(officerId, paging);
    }

    @GET
    @Path("/disputes")
    @RolesAllowed({Roles.OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "The officer's disputes")
    @APIResponse(responseCode = "200", description = "newest first")
    @APIResponse(responseCode = "403", description = "another officer's disputes")
    public List<DisputeView> disputes(@PathParam("officerId") UUID officerId) {
        caller.requireOfficer(officerId, Roles.DOJ_ADMIN);
        return disputes.ofOfficer(officerId).stream().map(DisputeView::of).toList();
    }

    @POST
    @Path("/records/{recordId}/disputes")
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Dispute one of the officer's own ACTIVE records", description = "The statement travels with"
            + " every later disclosure; the answer is the acknowledgement, with the response due in 10 working days.")
    @APIResponse(responseCode = "201", description = "filed and acknowledged")
    @APIResponse(responseCode = "403", description = "another officer's record")
    @APIResponse(responseCode = "404", description = "no such record of this officer")
    @APIResponse(responseCode = "409", description = "the record is not ACTIVE")
    public Response dispute(@PathParam("officerId") UUID officerId, @PathParam("recordId") UUID recordId,
                            @NotNull @Valid DisputeRequests.Filing filing) {
        caller.requireOfficer(officerId);
        DisputeView view = DisputeView.of(disputes.file(officerId, recordId, filing));
        return Response.created(URI.create("/api/v1/officers/" + officerId + "/disputes")).entity(view).build();
    }
}
