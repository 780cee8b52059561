package dev.identitybridge.accounts.entity;

import java.util.Objects;

/**
 * What the admin searches the identity links for; blank criteria match everything.
 *
 * @param username the start of the account's username
 * @param uniqueIdPrefix the start of the uniqueID
 * @param realm the exact issuer realm
 */
public record LinkSearch(
    String username, String uniqueIdPrefix, String realm, Order order, boolean descending) {

  /** The columns the list can be sorted by, each with the JPQL path it sorts on. */
  public enum Order {
    USERNAME("l.account.username"),
    UNIQUE_ID("l.uniqueId"),
    REALM("l.realm"),
    CREATED("l.createdAt"),
    LAST_SEEN("l.lastSeenAt");

    private final String path;

    Order(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  public LinkSearch {
    username = blankToNull(username);
    uniqueIdPrefix = blankToNull(uniqueIdPrefix);
    realm = blankToNull(realm);
    order = Objects.requireNonNullElse(order, Order.CREATED);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
