package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The transactions behind {@link Accounts}' changes, each audited in the transaction of the change.
 * A separate bean, so that Accounts can look at the outcome of a failed transaction from outside
 * it. Inputs are checked by Accounts before they get here.
 */
@ApplicationScoped
@Transactional
public class AccountChanges {

  /** As many uniqueIDs as the audit event's detail has room for; the rest are counted. */
  private static final int LISTED_LINKS = 80;

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Clock clock;

  public UserAccount create(
      String actor, String username, String displayName, String passwordHash, Set<Role> roles) {
    if (find(username) != null) {
      throw new AccountException(Reason.USERNAME_TAKEN);
    }
    UserAccount account =
        new UserAccount(username, displayName, passwordHash, roles, clock.instant());
    em.persist(account);
    // Flush here so that the unique constraint decides a race inside this transaction.
    em.flush();
    audit.record(actor, AuditAction.ACCOUNT_CREATED, "account:" + username, "roles " + roles);
    return account;
  }

  public void update(String actor, String username, String displayName, Set<Role> roles) {
    if (actor.equals(username) && !roles.contains(Role.ADMIN)) {
      throw new AccountException(Reason.OWN_ACCOUNT);
    }
    guardAdmins();
    UserAccount account = existing(username);
    Instant now = clock.instant();
    account.rename(displayName, now);
    account.grantOnly(roles, now);
    requireAnAdmin();
    audit.record(
        actor,
        AuditAction.ACCOUNT_UPDATED,
        "account:" + username,
        "display name " + displayName + ", roles " + roles);
  }

  /**
   * @return the account's new credential version
   */
  public int resetPassword(
      String actor, String username, String passwordHash, boolean unlinkMailboxes) {
    UserAccount account = existing(username);
    account.changePasswordHash(passwordHash, clock.instant());
    String removed = unlinkMailboxes ? removeLinks(account) : null;
    audit.record(actor, AuditAction.PASSWORD_RESET, "account:" + username, removed);
    return account.credentialVersion();
  }

  public void delete(String actor, String username) {
    if (actor.equals(username)) {
      throw new AccountException(Reason.OWN_ACCOUNT);
    }
    guardAdmins();
    UserAccount account = existing(username);
    String removed = removeLinks(account);
    em.remove(account);
    requireAnAdmin();
    audit.record(actor, AuditAction.ACCOUNT_DELETED, "account:" + username, removed);
  }

  public void enable(String actor, String username, boolean enabled) {
    if (!enabled && actor.equals(username)) {
      throw new AccountException(Reason.OWN_ACCOUNT);
    }
    guardAdmins();
    UserAccount account = existing(username);
    account.enable(enabled, clock.instant());
    requireAnAdmin();
    audit.record(
        actor,
        enabled ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED,
        "account:" + username,
        null);
  }

  /**
   * Waits for any other change that could remove an administrator, on any instance, by locking the
   * guard row 'admins' until this transaction ends: the count in {@link #requireAnAdmin} then sees
   * every such change made before and none made during it.
   */
  private void guardAdmins() {
    em.createNativeQuery("select name from change_guard where name = 'admins' for update")
        .getResultList();
  }

  /** Refuses (and so rolls back) a change that leaves no enabled administrator. */
  private void requireAnAdmin() {
    em.flush();
    long admins =
        em.createNamedQuery(UserAccount.COUNT_ENABLED_WITH_ROLE, Long.class)
            .setParameter("role", Role.ADMIN)
            .getSingleResult();
    if (admins == 0) {
      throw new AccountException(Reason.LAST_ADMIN);
    }
  }

  /**
   * Deletes the account's mailbox links.
   *
   * @return which ones, for the audit log
   */
  private String removeLinks(UserAccount account) {
    long count =
        em.createNamedQuery(IdentityLink.COUNT_OF_ACCOUNT, Long.class)
            .setParameter("account", account)
            .getSingleResult();
    List<String> listed =
        em.createNamedQuery(IdentityLink.OF_ACCOUNT, String.class)
            .setParameter("account", account)
            .setMaxResults(LISTED_LINKS)
            .getResultList();
    // The foreign key would cascade; deleting through JPA keeps the persistence context right.
    em.createNamedQuery(IdentityLink.DELETE_OF_ACCOUNT)
        .setParameter("account", account)
        .executeUpdate();
    return count
        + " link(s) removed"
        + (listed.isEmpty() ? "" : ": " + String.join(", ", listed))
        + (count > listed.size() ? " and " + (count - listed.size()) + " more" : "");
  }

  private UserAccount existing(String username) {
    UserAccount account = find(username);
    if (account == null) {
      throw new AccountException(Reason.NO_SUCH_ACCOUNT);
    }
    return account;
  }

  private UserAccount find(String username) {
    return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }
}
