package org.safepolicing.coresponder.training;

import java.net.URI;
import java.util.List;

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

import io.quarkus.security.Authenticated;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Idempotent
@Path("/api/v1")
@Tag(name = "Training", description = "Officer training for mental health, homelessness and addiction encounters; coverage per agency")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrainingResource {

    private final TrainingService training;
    private final Caller caller;

    TrainingResource(TrainingService training, Caller caller) {
        this.training = training;
        this.caller = caller;
    }

    @GET
    @Path("/training/courses")
    @Authenticated
    @Operation(summary = "The course catalog")
    @APIResponse(responseCode = "200", description = "Every course, by code")
    public List<TrainingCourse> courses() {
        return training.courses();
    }

    @POST
    @Path("/training/courses")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Add a course to the catalog", description = "DOJ administrators only.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "A course with this code exists")
    public Response addCourse(@NotNull @Valid TrainingRequests.Course request) {
        TrainingCourse course = training.addCourse(request);
        return Response.created(URI.create("/api/v1/training/courses/" + course.code)).entity(course).build();
    }

    @POST
    @Path("/agencies/{ori}/training/completions")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Record officers' completed courses",
            description = "The agency's own users only; up to 10,000 per request, all or nothing; officers by the agency's "
                    + "pseudonymous reference, never by name. A completion already recorded is counted, not repeated. "
                    + "Publishes coresponder.training.coverage-changed when the agency's coverage changes.")
    @APIResponse(responseCode = "200", description = "Recorded; the coverage after the batch")
    @APIResponse(responseCode = "422", description = "A course not in the catalog, by index; nothing recorded")
    public TrainingService.RecordedCompletions record(@PathParam("ori") @ValidOri String ori,
                                                      @NotNull @Valid TrainingRequests.Completions request) {
        caller.requireAgency(ori);
        return training.record(ori, request);
    }

    @GET
    @Path("/agencies/{ori}/training/coverage")
    @RolesAllowed({Roles.AGENCY_USER, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER})
    @Operation(summary = "An agency's training coverage", description = "Distinct trained officers / sworn officers (from the registry), and officers per course.")
    @APIResponse(responseCode = "200", description = "The coverage")
    public TrainingService.CoverageView coverage(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.HHS_ANALYST, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER);
        return training.coverage(ori);
    }
}
