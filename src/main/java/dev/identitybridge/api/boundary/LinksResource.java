package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.accounts.control.ClientAddresses;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.LinkedAccount;
import dev.identitybridge.api.entity.LinkRequest;
import dev.identitybridge.api.entity.SessionView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Linking a mailbox to a local account, and unlinking it. */
@Path("links")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LinksResource {

  @Inject Caller caller;
  @Inject AccountLinks links;
  @Inject ClientAddresses clients;
  @Context HttpServletRequest http;

  /** Checks the local password, then links the caller's mailbox to that account: 201. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Link the caller's mailbox to a local account, proven by its password")
  @SecurityRequirement(name = "addinToken")
  @APIResponse(responseCode = "201", description = "Linked")
  @APIResponse(
      responseCode = "401",
      description = "invalid_credentials (unknown user or wrong password alike), or a token reason",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  @APIResponse(
      responseCode = "409",
      description = "identity_already_linked",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  @APIResponse(
      responseCode = "429",
      description = "too_many_attempts, with Retry-After",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  public Response link(
      @Valid @NotNull(message = "The request has no body.") LinkRequest request,
      @Context UriInfo uri) {
    IdentityLink link =
        links.linkWithPassword(
            caller.identity(),
            request.username(),
            request.password().toCharArray(),
            clients.of(http));
    return Response.created(uri.getAbsolutePathBuilder().path("current").build())
        .entity(SessionView.of(LinkedAccount.of(link), caller.identity()))
        .build();
  }

  /** The user unlinks their own mailbox: 204. */
  @DELETE
  @Path("current")
  @Operation(summary = "The user unlinks their own mailbox")
  @SecurityRequirement(name = "addinToken")
  @APIResponse(responseCode = "204", description = "Unlinked")
  @APIResponse(
      responseCode = "404",
      description = "not_linked",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  public Response unlink() {
    links.unlinkOwn(caller.identity());
    return Response.noContent().build();
  }
}
