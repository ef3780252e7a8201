package org.safepolicing.records.feed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** An agency's own notification feed; only the agency's users read it. */
@OfficerLevelData
@Path("/api/v1/agencies/{ori}/notifications")
@Tag(name = "Feeds", description = "Per-agency notifications (corrections, continuous-check notices) and enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedService feeds;
    private final Caller caller;

    FeedResource(FeedService feeds, Caller caller) {
        this.feeds = feeds;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "The agency's feed, newest first", description = "CORRECTION: a record disclosed to the agency"
            + " was amended or expunged. NEW_RECORD: a new record of an officer the agency enrolled became ACTIVE.")
    @APIResponse(responseCode = "200", description = "one page")
    @APIResponse(responseCode = "403", description = "another agency's feed")
    public Page<FeedService.Notification> notifications(@PathParam("ori") @ValidOri String ori,
                                                        @Valid @BeanParam PageRequest paging) {
        caller.requireAgency(ori);
        return feeds.feed(ori, paging);
    }
}
