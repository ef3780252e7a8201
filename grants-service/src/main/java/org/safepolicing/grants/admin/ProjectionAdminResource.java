package org.safepolicing.grants.admin;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Roles;

@Idempotent
@Path("/api/v1/admin/projection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class ProjectionAdminResource {

    private final ProjectionRebuild rebuild;

    ProjectionAdminResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Rebuild the projection from the topics", description = "Empties the projection, the current"
            + " general answers and their history, and replays every input topic from its start; answers are"
            + " published again as they are re-decided. Applications and awards stay. Answers 202 at once; the replay"
            + " runs on. It must be confirmed with confirm=true, so a stray or replayed request cannot empty the"
            + " projection. DOJ admin only; audited.")
    @APIResponse(responseCode = "202", description = "Emptied and rewound; the replay runs")
    @APIResponse(responseCode = "400", description = "Not confirmed (confirm=true missing)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not doj-admin")
    public Response rebuild(@Parameter(description = "must be true: the rebuild empties the projection")
                            @QueryParam("confirm") String confirm) {
        if (!"true".equals(confirm)) {
            throw ProblemException.badRequest("a rebuild empties the projection and replays every input topic:"
                    + " confirm it with confirm=true");
        }
        List<String> channels = rebuild.rebuild();
        return Response.accepted(new Started(Instant.now(), channels)).build();
    }

    /** The replay started: when, and which channels were rewound. */
    public record Started(Instant startedAt, List<String> channels) {
    }
}
