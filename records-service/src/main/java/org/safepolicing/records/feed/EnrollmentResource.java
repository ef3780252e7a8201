package org.safepolicing.records.feed;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.safepolicing.platform.validation.ValidOri;

/** Continuous checks: an agency enrolls officers it checked; their new ACTIVE records reach its feed. */
@Idempotent
@OfficerLevelData
@Path("/api/v1/agencies/{ori}/enrollments")
@Tag(name = "Feeds", description = "Per-agency notifications (corrections, continuous-check notices) and enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    public record EnrollmentRequest(@NotNull UUID officerId) {
    }

    private final FeedService feeds;
    private final Caller caller;

    EnrollmentResource(FeedService feeds, Caller caller) {
        this.feeds = feeds;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Enroll an officer the agency checked in continuous checks")
    @APIResponse(responseCode = "201", description = "enrolled")
    @APIResponse(responseCode = "409", description = "enrolled already")
    @APIResponse(responseCode = "422", description = "the agency never checked this officer")
    public Response enroll(@PathParam("ori") @ValidOri String ori, @NotNull @Valid EnrollmentRequest request) {
        caller.requireAgency(ori);
        return Response.status(201).entity(feeds.enroll(ori, request.officerId())).build();
    }

    @GET
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "The agency's continuous-check enrollments")
    @APIResponse(responseCode = "200", description = "the enrollments")
    @APIResponse(responseCode = "403", description = "another agency's enrollments")
    public List<FeedService.Enrollment> enrollments(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori);
        return feeds.enrollments(ori);
    }
}
