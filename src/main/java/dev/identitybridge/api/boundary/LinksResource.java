package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.accounts.control.ClientAddresses;
import dev.identitybridge.accounts.entity.IdentityLink;
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
        .entity(SessionView.of(link, caller.identity()))
        .build();
  }

  /** The user unlinks their own mailbox: 204. */
  @DELETE
  @Path("current")
  public Response unlink() {
    links.unlinkOwn(caller.identity().uniqueID());
    return Response.noContent().build();
  }
}
