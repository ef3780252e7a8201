package org.safepolicing.credentialing.body;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.safepolicing.platform.web.QueryValues;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
@Path("/api/v1/bodies")
@Tag(name = "Credentialing bodies", description = "Bodies that apply to DOJ and are certified to credential agencies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BodyResource {

    private final BodyService bodies;

    BodyResource(BodyService bodies) {
        this.bodies = bodies;
    }

    @POST
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Record a body's application to DOJ", description = "Status APPLIED; publishes body.applied. The "
            + "application states how the body's reviews address each topic EO 13929 Sec. 2(c) names (addresses.*) and "
            + "confirms it will check Sec. 2(c)(i)-(ii) (confirmsMandatoryStandards: true); it is recorded as submitted, and "
            + "what it lacks is listed in applicationMissing and refuses certification.")
    public Response apply(@NotNull @Valid BodyRequests.Application application) {
        BodyView view = BodyView.of(bodies.apply(application));
        return Response.created(URI.create("/api/v1/bodies/" + view.id())).entity(view).build();
    }

    @GET
    @Authenticated
    @RateLimited("body-search")
    @Operation(summary = "List credentialing bodies", description = "By status and a name fragment (q), by name, paged.")
    @APIResponse(responseCode = "200", description = "one page of bodies")
    @APIResponse(responseCode = "400", description = "an invalid status or page (size above 500)")
    @APIResponse(responseCode = "429", description = "too many searches from this caller (platform.rate-limit.body-search.per-minute); see Retry-After")
    public Page<BodyView> search(@QueryParam("q") @Size(max = 100) String q, @QueryParam("status") String status,
                                 @Valid @BeanParam PageRequest paging) {
        return bodies.search(q, QueryValues.oneOf("status", status, BodyStatus.class), paging).map(BodyView::of);
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Read a credentialing body")
    public BodyView get(@PathParam("id") UUID id) {
        return BodyView.of(bodies.get(id));
    }

    @POST
    @Path("/{id}/certification")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Certify a body for a term", description = "APPLIED|EXPIRED → CERTIFIED for termMonths from termStart "
            + "(today unless given); publishes body.certified. The term ends by itself (body.term-expired).")
    @APIResponse(responseCode = "409", description = "not APPLIED or EXPIRED (currentState)")
    @APIResponse(responseCode = "422", description = "application-incomplete: a Sec. 2(c) topic statement or the confirmation of "
            + "Sec. 2(c)(i)-(ii) is missing ('missing' names them); or the term is already over")
    public BodyView certify(@PathParam("id") UUID id, @NotNull @Valid BodyRequests.Certification certification) {
        return BodyView.of(bodies.certify(id, certification));
    }

    @POST
    @Path("/{id}/suspension")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Suspend a certified body", description = "CERTIFIED → SUSPENDED; publishes body.suspended.")
    public BodyView suspend(@PathParam("id") UUID id, @NotNull @Valid BodyRequests.Decision decision) {
        return BodyView.of(bodies.suspend(id, decision));
    }

    @POST
    @Path("/{id}/reinstatement")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Reinstate a suspended body", description = "SUSPENDED → CERTIFIED; publishes body.reinstated.")
    public BodyView reinstate(@PathParam("id") UUID id) {
        return BodyView.of(bodies.reinstate(id));
    }

    @POST
    @Path("/{id}/refusal")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Refuse a body's application", description = "APPLIED → REFUSED; publishes body.refused.")
    @APIResponse(responseCode = "409", description = "not APPLIED (currentState)")
    public BodyView refuse(@PathParam("id") UUID id, @NotNull @Valid BodyRequests.Decision decision) {
        return BodyView.of(bodies.refuse(id, decision));
    }

    @POST
    @Path("/{id}/revocation")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Revoke a body's certification", description = "CERTIFIED|SUSPENDED → REVOKED; publishes body.revoked. "
            + "Its agencies' credentials keep their state; the one body event tells grants-service to re-decide them.")
    @APIResponse(responseCode = "409", description = "not CERTIFIED or SUSPENDED (currentState)")
    public BodyView revoke(@PathParam("id") UUID id, @NotNull @Valid BodyRequests.Decision decision) {
        return BodyView.of(bodies.revoke(id, decision));
    }
}
