package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.persistence.Timestamps;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;

/**
 * The transactions behind {@link AccountLinks}. A separate bean, so that AccountLinks can look at
 * the outcome of a failed transaction from outside it.
 */
@ApplicationScoped
@Transactional
public class LinkTransactions {

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;

  public Optional<IdentityLink> find(String uniqueId) {
    return em.createNamedQuery(IdentityLink.BY_UNIQUE_ID, IdentityLink.class)
        .setParameter("uniqueId", uniqueId)
        .getResultStream()
        .findFirst();
  }

  /** Sets last-seen unless another request set it since {@code seenBefore} already. */
  @Transactional(TxType.REQUIRES_NEW)
  public void touch(String uniqueId, Instant now, Instant seenBefore) {
    em.createNamedQuery(IdentityLink.TOUCH)
        .setParameter("now", Timestamps.utc(now))
        .setParameter("uniqueId", uniqueId)
        .setParameter("seenBefore", Timestamps.utc(seenBefore))
        .executeUpdate();
  }

  public IdentityLink insert(
      String uniqueId, TokenKind kind, String realm, Long accountId, Instant now) {
    if (find(uniqueId).isPresent()) {
      throw new AccountException(Reason.IDENTITY_ALREADY_LINKED);
    }
    UserAccount account = em.find(UserAccount.class, accountId);
    if (account == null) {
      throw new AccountException(Reason.NO_SUCH_ACCOUNT);
    }
    IdentityLink link = new IdentityLink(uniqueId, kind, realm, account, now);
    em.persist(link);
    // Flush here so that the unique constraint decides a race inside this transaction.
    em.flush();
    audit.record(account.username(), AuditAction.LINK_CREATED, "link:" + uniqueId, realm);
    return link;
  }

  public boolean delete(String uniqueId, String actor) {
    Optional<IdentityLink> link = find(uniqueId);
    link.ifPresent(
        l -> {
          em.remove(l);
          audit.record(
              actor,
              AuditAction.LINK_REMOVED,
              "link:" + uniqueId,
              "account " + l.account().username());
        });
    return link.isPresent();
  }
}
