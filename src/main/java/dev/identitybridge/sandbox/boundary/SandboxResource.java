package dev.identitybridge.sandbox.boundary;

import dev.identitybridge.sandbox.control.SandboxIssuer;
import dev.identitybridge.sandbox.control.SandboxTenant;
import dev.identitybridge.sandbox.entity.SandboxStatus;
import dev.identitybridge.sandbox.entity.SandboxToken;
import dev.identitybridge.sandbox.entity.SandboxTokenRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/sandbox}: the pretend Exchange's and Entra tenant's tokens, the pretend Exchange's
 * metadata, and whether the sandbox is on.
 */
@Path("sandbox")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {

  @Inject SandboxIssuer sandbox;
  @Inject SandboxTenant tenant;

  /** 200 while the sandbox is on, 404 {@code sandbox_disabled} otherwise, like all of it. */
  @GET
  @SandboxOnly
  public SandboxStatus status() {
    return new SandboxStatus(sandbox.enabled());
  }

  /** A token for the named sandbox mailbox; never cached, since a token is a credential. */
  @POST
  @Path("tokens")
  @SandboxOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Response token(
      @Valid @NotNull(message = "The request has no body.") SandboxTokenRequest request) {
    String token =
        request.entra() ? tenant.issue(request.mailbox()) : sandbox.issue(request.mailbox());
    return Response.ok(new SandboxToken(token))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  /** The sandbox's metadata document, in Exchange's format; the server itself never fetches it. */
  @GET
  @Path("metadata")
  @SandboxOnly
  public JsonObject metadata() {
    return sandbox.metadataDocument();
  }
}
