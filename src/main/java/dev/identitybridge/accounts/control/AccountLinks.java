package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.LinkRow;
import dev.identitybridge.accounts.entity.LinkSearch;
import dev.identitybridge.accounts.entity.LinkedAccount;
import dev.identitybridge.accounts.entity.MappedSignIn;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.persistence.DatabaseOutages;
import dev.identitybridge.persistence.Page;
import dev.identitybridge.persistence.PagedSearch;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which local account a mailbox identity (a token's uniqueID) belongs to. A link to a disabled
 * account is not usable, and looks to the caller exactly like no link at all.
 */
@ApplicationScoped
public class AccountLinks {

  private static final Logger LOG = Logger.getLogger(AccountLinks.class.getName());

  /** Last-seen is kept to the minute: writing it on every call would cost a write per request. */
  private static final Duration LAST_SEEN_RESOLUTION = Duration.ofSeconds(60);

  @Inject LinkTransactions transactions;
  @Inject LinkReads reads;
  @Inject Accounts accounts;
  @Inject Clock clock;
  @PersistenceContext EntityManager em;

  /** Told whether each API caller's identity was linked (the dashboard's sign-ins). */
  @Inject Event<MappedSignIn> signIns;

  /**
   * One page of the links that match, with the number of all that match; both in the database, so
   * that it stays fast however many links there are.
   */
  public Page<LinkRow> search(LinkSearch search, int page, int size) {
    String direction = search.descending() ? " desc" : " asc";
    return PagedSearch.of(
            em,
            LinkRow.class,
            "new dev.identitybridge.accounts.entity.LinkRow(l.account.username, l.uniqueId,"
                + " l.realm, l.tokenKind, l.createdAt, l.lastSeenAt)",
            "IdentityLink",
            "l")
        .where(
            "l.account.username like :username escape '!'",
            "username",
            startsWith(search.username()))
        .where(
            "l.uniqueId like :uniqueId escape '!'", "uniqueId", startsWith(search.uniqueIdPrefix()))
        .where("l.realm = :realm", "realm", search.realm())
        .page(page, size, search.order().path() + direction + ", l.id" + direction);
  }

  /** A LIKE pattern for values starting with the text, which matches the text literally. */
  private static String startsWith(String text) {
    return text == null
        ? null
        : text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  /**
   * The link of the caller's identity when its account is enabled, read from the database on every
   * call, with its last-seen time brought up to date; empty when there is none or its account is
   * disabled. Tells {@link MappedSignIn}.
   */
  public Optional<LinkedAccount> usableLink(Identity caller) {
    Optional<LinkedAccount> link = usable(caller.uniqueID());
    signedIn(caller, link.isPresent());
    return link;
  }

  private Optional<LinkedAccount> usable(String uniqueId) {
    Optional<LinkedAccount> link = reads.find(uniqueId);
    if (link.isPresent() && !link.get().enabled()) {
      LOG.fine(
          () -> "Identity " + uniqueId + " is linked to a disabled account: treated as unlinked");
      return Optional.empty();
    }
    link.ifPresent(this::touch);
    return link;
  }

  /** The caller's usable link; refuses with LINK_REQUIRED when there is none. */
  public LinkedAccount linkedAccount(Identity caller) {
    return usableLink(caller).orElseThrow(() -> new AccountException(Reason.LINK_REQUIRED));
  }

  /**
   * Checks the local password (counted towards the lock-out of the username and the client), then
   * links the caller's mailbox to that account. Tells {@link MappedSignIn}: linked when it worked
   * or the identity was linked already, otherwise still to be linked.
   */
  public IdentityLink linkWithPassword(
      Identity identity, String username, char[] password, String client) {
    boolean linked = false;
    try {
      UserAccount account =
          accounts.authenticate(LoginPurpose.MAILBOX_LINK, username, password, client);
      IdentityLink link = link(identity.uniqueID(), identity.kind(), identity.realm(), account);
      linked = true;
      return link;
    } catch (AccountException e) {
      linked = e.reason() == Reason.IDENTITY_ALREADY_LINKED;
      throw e;
    } finally {
      signedIn(identity, linked);
    }
  }

  private void signedIn(Identity caller, boolean linked) {
    if (signIns != null) {
      signIns.fire(new MappedSignIn(caller.kind(), linked));
    }
  }

  /**
   * Links the identity to the account. Of two concurrent requests for one identity exactly one
   * wins: the database's unique constraint decides, and the other gets IDENTITY_ALREADY_LINKED.
   */
  public IdentityLink link(String uniqueId, TokenKind kind, String realm, UserAccount account) {
    try {
      IdentityLink link = transactions.insert(uniqueId, kind, realm, account.id(), clock.instant());
      LOG.info(() -> "Linked identity " + uniqueId + " to account " + account.username());
      return link;
    } catch (AccountException e) {
      throw e;
    } catch (RuntimeException e) {
      if (DatabaseOutages.unreachable(e)) {
        throw e;
      }
      if (transactions.find(uniqueId).isPresent()) {
        throw new AccountException(Reason.IDENTITY_ALREADY_LINKED);
      }
      LOG.warning(() -> "Linking identity " + uniqueId + " failed: " + e);
      throw new AccountException(Reason.TRY_AGAIN);
    }
  }

  /** The caller unlinks their own mailbox; NOT_LINKED when it has no usable link. */
  public void unlinkOwn(Identity caller) {
    LinkedAccount link =
        usableLink(caller).orElseThrow(() -> new AccountException(Reason.NOT_LINKED));
    unlink(caller.uniqueID(), link.username());
  }

  public void unlink(String uniqueId, String actor) {
    if (!transactions.delete(uniqueId, actor)) {
      throw new AccountException(Reason.NOT_LINKED);
    }
    LOG.info(() -> "Unlinked identity " + uniqueId + " (by " + actor + ")");
  }

  /**
   * Writes last-seen when it is older than the resolution. Never fails the request: of two requests
   * that touch one link at once one writes and the other finds nothing to write, and any other
   * trouble only leaves last-seen behind.
   */
  private void touch(LinkedAccount link) {
    Instant now = clock.instant();
    Instant seenBefore = now.minus(LAST_SEEN_RESOLUTION);
    if (!link.lastSeenAt().isBefore(seenBefore)) {
      return;
    }
    try {
      transactions.touch(link.uniqueId(), now, seenBefore);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Last-seen of " + link.uniqueId() + " not written", e);
    }
  }
}
