package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.api.entity.SessionView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code POST /api/session}: who the add-in's user is, once their mailbox is linked. */
@Path("session")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  @Inject Caller caller;
  @Inject AccountLinks links;

  @POST
  @Operation(summary = "Who the add-in's user is, once their mailbox is linked")
  @SecurityRequirement(name = "addinToken")
  @APIResponse(responseCode = "200", description = "The linked account and the token's identity")
  @APIResponse(
      responseCode = "401",
      description =
          "link_required (valid but unlinked, or linked to a disabled account), or the token's"
              + " reason code",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  @APIResponse(
      responseCode = "503",
      description = "metadata_unavailable: this server cannot get the signing keys",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  public SessionView open() {
    return SessionView.of(links.linkedAccount(caller.identity()), caller.identity());
  }
}
