package dev.identitybridge.api.entity;

import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.token.entity.ExchangeIdentity;
import java.util.List;

/** What the add-in learns about its user: the local account and the mailbox identity. */
public record SessionView(AccountView account, IdentityView identity) {

  public record AccountView(String username, String displayName, List<String> roles) {
    static AccountView of(UserAccount account) {
      return new AccountView(
          account.username(),
          account.displayName(),
          account.roles().stream().map(Role::group).sorted().toList());
    }
  }

  public record IdentityView(
      String uniqueID,
      String realm,
      String msexchuid,
      String amurl,
      String linkedAt,
      String lastSeenAt) {}

  public static SessionView of(IdentityLink link, ExchangeIdentity identity) {
    return new SessionView(
        AccountView.of(link.account()),
        new IdentityView(
            identity.uniqueID(),
            identity.realm(),
            identity.msexchuid(),
            identity.amurl(),
            link.createdAt().toString(),
            link.lastSeenAt().toString()));
  }
}
