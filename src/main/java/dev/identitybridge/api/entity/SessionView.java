package dev.identitybridge.api.entity;

import dev.identitybridge.accounts.entity.LinkedAccount;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.token.entity.Identity;
import java.util.List;

/** What the add-in learns about its user: the local account and the mailbox identity. */
public record SessionView(AccountView account, IdentityView identity) {

  public record AccountView(String username, String displayName, List<String> roles) {
    static AccountView of(LinkedAccount account) {
      return new AccountView(
          account.username(),
          account.displayName(),
          account.roles().stream().map(Role::group).sorted().toList());
    }
  }

  /**
   * @param kind {@code exchange} or {@code entra}
   * @param msexchuid an Exchange token's mailbox id; null for Entra
   * @param amurl an Exchange token's metadata URL; null for Entra
   */
  public record IdentityView(
      String kind,
      String uniqueID,
      String realm,
      String msexchuid,
      String amurl,
      String linkedAt,
      String lastSeenAt) {}

  public static SessionView of(LinkedAccount link, Identity identity) {
    return new SessionView(
        AccountView.of(link),
        new IdentityView(
            identity.kind().code(),
            identity.uniqueID(),
            identity.realm(),
            (String) identity.claims().get("msexchuid"),
            (String) identity.claims().get("amurl"),
            link.linkedAt().toString(),
            link.lastSeenAt().toString()));
  }
}
