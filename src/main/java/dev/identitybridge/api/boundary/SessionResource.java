package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.api.entity.SessionView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/session}: who the add-in's user is, once their mailbox is linked. */
@Path("session")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  @Inject Caller caller;
  @Inject AccountLinks links;

  @POST
  public SessionView open() {
    return SessionView.of(links.linkedAccount(caller.identity().uniqueID()), caller.identity());
  }
}
