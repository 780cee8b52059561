package dev.identitybridge.api.boundary;

import dev.identitybridge.token.entity.Identity;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling, as {@link BearerTokenFilter} established it from the request's token. */
@RequestScoped
public class Caller {

  private Identity identity;

  void identify(Identity identity) {
    this.identity = identity;
  }

  public Identity identity() {
    if (identity == null) {
      throw new IllegalStateException("No identity: the resource is not @Authenticated");
    }
    return identity;
  }
}
