package dev.identitybridge.api.entity;

import dev.identitybridge.token.entity.Identity;
import java.util.Map;

/**
 * The documented sample service's answer for a valid token: {@code token.*} as the documented
 * add-in reads it (for an Exchange token: msexchuid, amurl, uniqueID, aud, iss, x5t, nbf and exp as
 * ISO-8601 UTC, version, appctxsender, isbrowserhostedapp), plus whether the mailbox is linked.
 */
public record UnpackedToken(Map<String, Object> token, Link link) {

  public record Link(boolean linked, String username) {}

  public static UnpackedToken of(Identity identity, Link link) {
    return new UnpackedToken(identity.claims(), link);
  }
}
