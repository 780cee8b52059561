package dev.identitybridge.accounts.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A link and its account as one API request reads them: a snapshot of one database read, not a
 * managed entity, never kept beyond the request.
 *
 * @param uniqueId the linked identity (the token's uniqueID)
 * @param linkedAt when the link was made
 * @param lastSeenAt when the identity was last seen, to the minute
 * @param username the account's username
 * @param displayName the account's display name
 * @param enabled whether the account is enabled; a link to a disabled account is not usable
 * @param roles the account's roles
 */
public record LinkedAccount(
    String uniqueId,
    Instant linkedAt,
    Instant lastSeenAt,
    String username,
    String displayName,
    boolean enabled,
    Set<Role> roles) {

  public LinkedAccount {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(linkedAt, "linkedAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
    roles = Set.copyOf(roles);
  }

  /** A link just made, with its account. */
  public static LinkedAccount of(IdentityLink link) {
    UserAccount account = link.account();
    return new LinkedAccount(
        link.uniqueId(),
        link.createdAt(),
        link.lastSeenAt(),
        account.username(),
        account.displayName(),
        account.enabled(),
        account.roles());
  }
}
