package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.token.entity.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who is calling, as {@link BearerTokenFilter} established it: the token's identity, and the local
 * account it is linked to. The one place that decides whether a caller may use its account.
 */
@RequestScoped
public class Caller {

  @Inject AccountLinks links;

  private Identity identity;
  private Optional<IdentityLink> link;

  void identify(Identity identity) {
    this.identity = identity;
  }

  public Identity identity() {
    if (identity == null) {
      throw new IllegalStateException("No identity: the resource is not @Authenticated");
    }
    return identity;
  }

  /** The caller's link, if its mailbox is linked, whatever the state of the account. */
  public Optional<IdentityLink> link() {
    if (link == null) {
      link = links.find(identity().uniqueID());
    }
    return link;
  }

  /** The caller's enabled, linked account; refuses with link_required or account_disabled. */
  public IdentityLink linkedAccount() {
    IdentityLink current = link().orElseThrow(() -> new AccountException(Reason.LINK_REQUIRED));
    if (!current.account().enabled()) {
      throw new AccountException(Reason.ACCOUNT_DISABLED);
    }
    return current;
  }
}
