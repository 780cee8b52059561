package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.LinkRow;
import dev.identitybridge.accounts.entity.LinkSearch;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.persistence.Page;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** Which local account a mailbox identity (a token's uniqueID) belongs to. */
@ApplicationScoped
public class AccountLinks {

  private static final Logger LOG = Logger.getLogger(AccountLinks.class.getName());

  /** Last-seen is kept to the minute: writing it on every call would cost a write per request. */
  private static final long LAST_SEEN_RESOLUTION_SECONDS = 60;

  @Inject LinkTransactions transactions;
  @PersistenceContext EntityManager em;

  /**
   * One page of the links that match, with the number of all that match; both in the database, so
   * that it stays fast however many links there are.
   */
  public Page<LinkRow> search(LinkSearch search, int first, int size) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> parameters = new HashMap<>();
    if (search.username() != null) {
      conditions.add("l.account.username like :username escape '!'");
      parameters.put("username", startsWith(search.username()));
    }
    if (search.uniqueIdPrefix() != null) {
      conditions.add("l.uniqueId like :uniqueId escape '!'");
      parameters.put("uniqueId", startsWith(search.uniqueIdPrefix()));
    }
    if (search.realm() != null) {
      conditions.add("l.realm = :realm");
      parameters.put("realm", search.realm());
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<Long> count =
        em.createQuery("select count(l) from IdentityLink l" + where, Long.class);
    String direction = search.descending() ? " desc" : " asc";
    TypedQuery<LinkRow> rows =
        em.createQuery(
            "select new dev.identitybridge.accounts.entity.LinkRow(l.account.username, l.uniqueId,"
                + " l.realm, l.tokenKind, l.createdAt, l.lastSeenAt) from IdentityLink l"
                + where
                + " order by "
                + search.order().path()
                + direction
                + ", l.id"
                + direction,
            LinkRow.class);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          rows.setParameter(name, value);
        });
    List<LinkRow> items = rows.setFirstResult(first).setMaxResults(size).getResultList();
    return new Page<>(items, count.getSingleResult(), first, size);
  }

  /** A LIKE pattern for values starting with the text, which matches the text literally. */
  private static String startsWith(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

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
