package org.safepolicing.records.board;

import java.net.URI;

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
import org.safepolicing.contracts.Ori;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.records.check.CheckRequest;
import org.safepolicing.records.check.CheckResult;
import org.safepolicing.records.check.CheckService;
import org.safepolicing.records.feed.FeedService;
import org.safepolicing.records.record.RecordRequests;
import org.safepolicing.records.record.RecordService;
import org.safepolicing.records.record.RecordView;
import org.safepolicing.records.record.Submitter;

/**
 * A state POST board (role state-board, claim state): Sec. 3(b) tracks "de-certifications", which the board that
 * certifies officers decides, not an agency. It submits DECERTIFICATION records of officers certified in its own
 * state, runs checks and reads its feed of corrections; another state's board gets 403.
 */
@Idempotent
@OfficerLevelData
@Path("/api/v1/states/{state}")
@Tag(name = "State boards", description = "State POST boards: de-certifications, checks and their correction feed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StateBoardResource {

    private final RecordService records;
    private final CheckService checks;
    private final FeedService feeds;
    private final Caller caller;

    StateBoardResource(RecordService records, CheckService checks, FeedService feeds, Caller caller) {
        this.records = records;
        this.checks = checks;
        this.feeds = feeds;
        this.caller = caller;
    }

    private void requireBoardOf(String state) {
        if (state == null || !Ori.STATE_CODES.contains(state)) {
            throw ProblemException.badRequest("state must be a 2-letter state or territory code");
        }
        caller.requireState(state);
    }

    @POST
    @Path("/records")
    @RolesAllowed(Roles.STATE_BOARD)
    @Operation(summary = "Submit one de-certification", description = "The body of an agency's submission with category"
            + " DECERTIFICATION and an officer certified in this state (officer.state). Stored with submittingState, no"
            + " agency; ACTIVE when notice, response, final decision and appeal make the process final, else held.")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "403", description = "not this state's board, or an officer certified in another state")
    @APIResponse(responseCode = "422", description = "another category, or another domain rule")
    public Response submit(@PathParam("state") String state, @NotNull @Valid RecordRequests.Submission submission) {
        requireBoardOf(state);
        RecordView view = RecordView.of(records.submit(Submitter.stateBoard(state), submission));
        return Response.created(URI.create("/api/v1/states/" + state + "/records/" + view.id())).entity(view).build();
    }

    @POST
    @Path("/records/bulk")
    @RolesAllowed(Roles.STATE_BOARD)
    @Operation(summary = "Submit up to 10,000 de-certifications at once", description = "All or nothing, idempotent on"
            + " clientKey like an agency's bulk submission; one officer certified in another state refuses all (403).")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "200", description = "a repeat of an earlier submission; nothing new stored")
    @APIResponse(responseCode = "403", description = "not this state's board, or an officer certified in another state")
    @APIResponse(responseCode = "409", description = "the client key was used for other records")
    @APIResponse(responseCode = "422", description = "an item breaks a domain rule; nothing was stored")
    public Response submitBulk(@PathParam("state") String state, @NotNull @Valid RecordRequests.BulkSubmission bulk) {
        requireBoardOf(state);
        RecordService.BulkResult result = records.submitBulk(Submitter.stateBoard(state), bulk);
        return Response.status(result.replayed() ? 200 : 201).entity(result).build();
    }

    @POST
    @Path("/checks")
    @RolesAllowed(Roles.STATE_BOARD)
    @RateLimited("check")
    @Operation(summary = "Run a check as the state board", description = "As an agency's check: every record shown is"
            + " accounted (recipient: the state board), the officer is told, and later disputes and corrections reach"
            + " the board's feed.")
    @APIResponse(responseCode = "200", description = "matching officers and their disclosable records")
    @APIResponse(responseCode = "400", description = "neither or both ways of searching, or no purpose")
    @APIResponse(responseCode = "403", description = "not this state's board")
    @APIResponse(responseCode = "429", description = "too many checks from this caller; see Retry-After")
    public CheckResult check(@PathParam("state") String state, @NotNull @Valid CheckRequest request) {
        requireBoardOf(state);
        return checks.run(Submitter.boardKey(state), request);
    }

    @GET
    @Path("/notifications")
    @RolesAllowed(Roles.STATE_BOARD)
    @Operation(summary = "The board's feed, newest first", description = "DISPUTED, CORRECTION and DISPUTE_UPHELD notices"
            + " about records disclosed to the board.")
    @APIResponse(responseCode = "200", description = "one page")
    @APIResponse(responseCode = "403", description = "another state's feed")
    public Page<FeedService.Notification> notifications(@PathParam("state") String state,
                                                        @Valid @BeanParam PageRequest paging) {
        requireBoardOf(state);
        return feeds.feed(Submitter.boardKey(state), paging);
    }
}
