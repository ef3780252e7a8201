package org.safepolicing.credentialing.credential;

import java.net.URI;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@Path("/api/v1/agencies/{ori}/credentials")
@Tag(name = "Agency credentials", description = "An agency's credentials: sought from a certified body, then decided")
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
            description = "The agency's own users only. Status SOUGHT, which already counts as seeking under Sec. 2(b); publishes credential.sought.")
    public Response seek(@PathParam("ori") @ValidOri String ori, @NotNull @Valid CredentialRequests.Seek request) {
        caller.requireAgency(ori);
        CredentialView view = CredentialView.of(credentials.seek(ori, request));
        return Response.created(URI.create("/api/v1/agencies/" + ori + "/credentials/" + view.id())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN})
    @Operation(summary = "List an agency's credentials, newest first")
    public List<CredentialView> list(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.DOJ_ADMIN);
        return credentials.list(ori).stream().map(CredentialView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN})
    @Operation(summary = "Read one credential")
    public CredentialView get(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id) {
        caller.requireAgency(ori, Roles.DOJ_ADMIN);
        return CredentialView.of(credentials.find(ori, id));
    }

    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Withdraw a credential sought or held", description = "SOUGHT|CREDENTIALED → WITHDRAWN; publishes credential.withdrawn.")
    public CredentialView withdraw(@PathParam("ori") @ValidOri String ori, @PathParam("id") UUID id,
                                   @Valid CredentialRequests.Withdrawal request) {
        caller.requireAgency(ori);
        return CredentialView.of(credentials.withdraw(ori, id, request));
    }
}
