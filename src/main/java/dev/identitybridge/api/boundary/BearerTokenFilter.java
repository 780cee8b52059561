package dev.identitybridge.api.boundary;

import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.TokenValidator;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Every {@link Authenticated} call carries the token (either kind) as {@code Authorization:
 * Bearer}; cookies would be third-party inside Outlook's frame. A valid token becomes the {@link
 * Caller}.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

  private static final String SCHEME = "Bearer ";

  @Inject TokenValidator tokens;
  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new InvalidTokenException(
          InvalidTokenException.Reason.MALFORMED_TOKEN,
          "The request carries no identity token (Authorization: Bearer <token>).");
    }
    caller.identify(tokens.validate(authorization.substring(SCHEME.length()).strip()));
  }
}
