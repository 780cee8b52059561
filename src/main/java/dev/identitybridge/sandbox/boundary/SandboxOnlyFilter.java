package dev.identitybridge.sandbox.boundary;

import dev.identitybridge.api.boundary.ProblemException;
import dev.identitybridge.sandbox.control.SandboxIssuer;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * While the sandbox is off, its {@link SandboxOnly} resources answer 404 to everything. A filter,
 * because it runs before the request body is read and validated.
 */
@Provider
@SandboxOnly
@Priority(Priorities.AUTHORIZATION)
public class SandboxOnlyFilter implements ContainerRequestFilter {

  @Inject SandboxIssuer sandbox;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!sandbox.enabled()) {
      throw new ProblemException(
          404,
          "Not Found",
          "sandbox_disabled",
          "The sandbox issuer is off; it is on only when the server is started with"
              + " identitybridge.sandbox.enabled=true.");
    }
  }
}
