package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.api.entity.LinkRequest;
import dev.identitybridge.api.entity.SessionView;
import dev.identitybridge.token.entity.Identity;
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

/** Linking a mailbox to a local account, and unlinking it. */
@Path("links")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LinksResource {

  @Inject Caller caller;
  @Inject Accounts accounts;
  @Inject AccountLinks links;
  @Context HttpServletRequest http;

  /** Checks the local password, then links the caller's mailbox to that account: 201. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response link(
      @Valid @NotNull(message = "The request has no body.") LinkRequest request,
      @Context UriInfo uri) {
    Identity identity = caller.identity();
    UserAccount account =
        accounts.authenticate(
            request.username(), request.password().toCharArray(), http.getRemoteAddr());
    IdentityLink link = links.link(identity.uniqueID(), identity.kind(), identity.realm(), account);
    return Response.created(uri.getAbsolutePathBuilder().path("current").build())
        .entity(SessionView.of(link, identity))
        .build();
  }

  /** The user unlinks their own mailbox: 204. */
  @DELETE
  @Path("current")
  public Response unlink() {
    IdentityLink link = caller.link().orElseThrow(() -> new AccountException(Reason.NOT_LINKED));
    links.unlink(link.uniqueId(), link.account().username());
    return Response.noContent().build();
  }
}
