package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.TokenKind;
import dev.identitybridge.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/** Which local account a mailbox identity (a token's uniqueID) belongs to. */
@ApplicationScoped
public class AccountLinks {

  private static final Logger LOG = Logger.getLogger(AccountLinks.class.getName());

  /** Last-seen is kept to the minute: writing it on every call would cost a write per request. */
  private static final long LAST_SEEN_RESOLUTION_SECONDS = 60;

  @Inject LinkTransactions transactions;

  /** The link of this identity, with its last-seen time brought up to date. */
  public Optional<IdentityLink> find(String uniqueId) {
    return transactions.findAndTouch(uniqueId, Instant.now(), LAST_SEEN_RESOLUTION_SECONDS);
  }

  /**
   * Links the identity to the account. Of two concurrent requests for one identity exactly one
   * wins: the database's unique constraint decides, and the other gets IDENTITY_ALREADY_LINKED.
   */
  public IdentityLink link(String uniqueId, TokenKind kind, String realm, UserAccount account) {
    try {
      IdentityLink link = transactions.insert(uniqueId, kind, realm, account.id());
      LOG.info(() -> "Linked identity " + uniqueId + " to account " + account.username());
      return link;
    } catch (AccountException e) {
      throw e;
    } catch (RuntimeException e) {
      if (transactions.find(uniqueId).isPresent()) {
        throw new AccountException(Reason.IDENTITY_ALREADY_LINKED);
      }
      LOG.warning(() -> "Linking identity " + uniqueId + " failed: " + e);
      throw new AccountException(Reason.TRY_AGAIN);
    }
  }

  public void unlink(String uniqueId, String actor) {
    if (!transactions.delete(uniqueId, actor)) {
      throw new AccountException(Reason.NOT_LINKED);
    }
    LOG.info(() -> "Unlinked identity " + uniqueId + " (by " + actor + ")");
  }
}
