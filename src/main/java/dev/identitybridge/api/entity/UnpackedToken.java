package dev.identitybridge.api.entity;

import dev.identitybridge.token.entity.ExchangeIdentity;

/**
 * The documented sample service's answer for a valid token: {@code token.*} as the documented
 * add-in reads it (nbf and exp as ISO-8601 UTC), plus whether the mailbox is linked.
 */
public record UnpackedToken(Claims token, Link link) {

  public record Claims(
      String msexchuid,
      String amurl,
      String uniqueID,
      String aud,
      String iss,
      String x5t,
      String nbf,
      String exp,
      String version,
      String appctxsender,
      boolean isbrowserhostedapp) {}

  public record Link(boolean linked, String username) {}

  public static UnpackedToken of(ExchangeIdentity identity, Link link) {
    return new UnpackedToken(
        new Claims(
            identity.msexchuid(),
            identity.amurl(),
            identity.uniqueID(),
            identity.aud(),
            identity.iss(),
            identity.x5t(),
            identity.nbf().toString(),
            identity.exp().toString(),
            identity.version(),
            identity.appctxsender(),
            identity.isbrowserhostedapp()),
        link);
  }
}
