package org.safepolicing.credentialing.credential;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Idempotent
@Path("/api/v1/agencies/{ori}/credentials")
@Tag(name = "Agency credentials", description = "An agency's credentials: sought from a certified body, assessed, decided")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final CredentialService credentials;
    private final Caller caller;

    CredentialResource(CredentialService credentials, Caller caller) {
        this.credentials = credentials;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Seek a credential from a certified body",
            description = "The agency's own users only. Status SOUGHT, which already counts as seeking under Sec. 2(b); a "
                    + "head-of-agency affirmation (optional 'affirmation') counts as seeking too. Publishes credential.sought.")
    @APIResponse(responseCode = "201", description = "SOUGHT")
    @APIResponse(responseCode = "409", description = "the agency already has a credential SOUGHT or in force (currentState)")
    @APIResponse(responseCode = "422", description = "the body is unknown or not CERTIFIED, or the agency is FEDERAL "
            + "(agency-not-covered-by-sec-2b: Sec. 2(b) of EO 13929 covers State and local agencies; tribal and territorial "
            + "agencies may seek voluntarily)")
    public Response seek(@PathParam("ori") @ValidOri String ori, @NotNull @Valid CredentialRequests.Seek request) {
        caller.requireAgency(ori);
        CredentialView view = CredentialView.of(credentials.seek(ori, request, caller.name()));
        return Response.created(URI.create("/api/v1/agencies/" + ori + "/credentials/" + view.id())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.BODY_ASSESSOR})
    @Operation(summary = "List an agency's credentials, newest first",
            description = "The agency's users and DOJ see all; a body's assessor sees those of its body.")
    public List<CredentialView> list(@PathParam("ori") @ValidOri String ori) {
        if (caller.hasRole(Roles.BODY_ASSESSOR) && !caller.hasAnyRole(Roles.DOJ_ADMIN)
                && !(caller.hasRole(Roles.AGENCY_USER) && caller.ori().filter(ori::equals).isPresent())) {
            UUID body = caller.bodyId().orElseThrow(() -> org.safepolicing.platform.problem.ProblemException.forbidden(
                    "the token names no credentialing body"));
            return credentials.list(ori).stream().filter(c -> c.bodyId.equals(body)).map(CredentialView::of).toList();
        }
        caller.requireAgency(ori, Roles.DOJ_ADMIN);
        return credentials.list(ori).stream().map(CredentialView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.BODY_ASSESSOR})
    @Operation(summary = "Read one credential")
    public CredentialView get(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        return CredentialView.of(readable(ori, id));
    }

    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Withdraw a credential sought or held", description = "SOUGHT|CREDENTIALED → WITHDRAWN; publishes credential.withdrawn.")
    @APIResponse(responseCode = "409", description = "not SOUGHT or CREDENTIALED (currentState)")
    public CredentialView withdraw(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                   @Valid CredentialRequests.Withdrawal request) {
        caller.requireAgency(ori);
        return CredentialView.of(credentials.withdraw(ori, id, request));
    }

    @POST
    @Path("/{id}/renewal")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Seek renewal of the credential in force, before it expires",
            description = "A new credential, SOUGHT from the same body under the current standards (credential.sought, with "
                    + "renewalOf); granted, it replaces this one (credential.renewed). This one stays in force until then.")
    @APIResponse(responseCode = "201", description = "the renewal, SOUGHT")
    @APIResponse(responseCode = "409", description = "not CREDENTIALED, already renewed, past its validity, or a credential is already SOUGHT")
    public Response renew(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        caller.requireAgency(ori);
        CredentialView view = CredentialView.of(credentials.renew(ori, id, LocalDate.now(ZoneOffset.UTC)));
        return Response.created(URI.create("/api/v1/agencies/" + ori + "/credentials/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}/assessments")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.BODY_ASSESSOR})
    @Operation(summary = "The findings recorded so far, and the standards still to assess")
    public AssessmentSheet assessments(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        readable(ori, id);
        return credentials.assessments(ori, id);
    }

    @PUT
    @Path("/{id}/assessments/{standard}")
    @RolesAllowed(Roles.BODY_ASSESSOR)
    @Operation(summary = "Record one standard: MET, NOT_MET, NOT_APPLICABLE or NOT_ASSESSED, with evidence references and notes",
            description = "The assessor of the credential's body only, while the credential is SOUGHT; recorded again, it replaces the finding. "
                    + "Only the two mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) decide the credential; the encouraged topics "
                    + "are recorded and reported, never a reason to deny.")
    @APIResponse(responseCode = "404", description = "no such standard in the credential's standards version")
    @APIResponse(responseCode = "409", description = "the credential is not SOUGHT (currentState)")
    public AssessmentSheet assess(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                  @PathParam("standard") String standard, @NotNull @Valid CredentialRequests.Assessment request) {
        caller.requireBody(credentials.find(ori, id).bodyId);
        credentials.assess(ori, id, standard, request, caller.name());
        return credentials.assessments(ori, id);
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed(Roles.BODY_ASSESSOR)
    @Operation(summary = "Decide: CREDENTIALED (valid 36 months from the determination date) or DENIED (naming the mandatory standards not met)",
            description = "The assessor of the credential's body only. Publishes credential.granted (credential.renewed for a "
                    + "renewal) or credential.denied. Only the two mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) decide: both "
                    + "need a finding, CREDENTIALED needs both MET, DENIED needs one not MET. The encouraged topics' findings are "
                    + "recorded on the credential (topicFindings) and never refuse CREDENTIALED nor justify DENIED.")
    @APIResponse(responseCode = "409", description = "the credential is not SOUGHT (currentState)")
    @APIResponse(responseCode = "422", description = "a mandatory standard without a finding (assessment-incomplete), CREDENTIALED with a mandatory standard not MET, DENIED with both MET (nothing-unmet), or the body is not CERTIFIED")
    public CredentialView decide(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                 @NotNull @Valid CredentialRequests.Decision decision) {
        caller.requireBody(credentials.find(ori, id).bodyId);
        return CredentialView.of(credentials.decide(ori, id, decision, caller.name(), LocalDate.now(ZoneOffset.UTC)));
    }

    @POST
    @Path("/{id}/revocation")
    @RolesAllowed(Roles.BODY_ASSESSOR)
    @Operation(summary = "Revoke a credential in force", description = "CREDENTIALED → REVOKED by the credential's body; publishes credential.revoked.")
    @APIResponse(responseCode = "409", description = "not CREDENTIALED (currentState)")
    public CredentialView revoke(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                 @NotNull @Valid CredentialRequests.Revocation revocation) {
        caller.requireBody(credentials.find(ori, id).bodyId);
        return CredentialView.of(credentials.revoke(ori, id, revocation));
    }

    /** The agency's users and DOJ read any of the agency's credentials; a body's assessor only those of its body. */
    private AgencyCredential readable(String ori, UUID id) {
        if (caller.hasAnyRole(Roles.DOJ_ADMIN) || (caller.hasRole(Roles.AGENCY_USER) && caller.ori().filter(ori::equals).isPresent())) {
            return credentials.find(ori, id);
        }
        if (caller.hasRole(Roles.BODY_ASSESSOR)) {
            AgencyCredential credential = credentials.find(ori, id);
            caller.requireBody(credential.bodyId);
            return credential;
        }
        caller.requireAgency(ori, Roles.DOJ_ADMIN);
        return credentials.find(ori, id);
    }
}
