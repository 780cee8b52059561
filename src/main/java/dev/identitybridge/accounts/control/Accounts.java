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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Local user accounts: creation, changes by administrators, lookup and password checks. */
@ApplicationScoped
public class Accounts {

  @PersistenceContext EntityManager em;
  @Inject Passwords passwords;
  @Inject LoginThrottle throttle;
  @Inject AuditLog audit;

  public Optional<UserAccount> findByUsername(String username) {
    return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  public long countWithRole(Role role) {
    return em.createNamedQuery(UserAccount.COUNT_WITH_ROLE, Long.class)
        .setParameter("role", role)
        .getSingleResult();
  }

  @Transactional
  public UserAccount create(
      String actor, String username, String displayName, char[] password, Set<Role> roles) {
    String weakness = Passwords.weakness(password);
    if (weakness != null) {
      throw new AccountException(Reason.WEAK_PASSWORD, weakness, null);
    }
    if (findByUsername(username).isPresent()) {
      throw new AccountException(Reason.USERNAME_TAKEN);
    }
    UserAccount account =
        new UserAccount(username, displayName, passwords.hash(password), roles, Instant.now());
    em.persist(account);
    audit.record(actor, AuditAction.ACCOUNT_CREATED, "account:" + username, "roles " + roles);
    return account;
  }

  /** Every account, by username, for the admin page. */
  public List<UserAccount> all() {
    return em.createNamedQuery(UserAccount.ALL, UserAccount.class).getResultList();
  }

  @Transactional
  public void update(String actor, String username, String displayName, Set<Role> roles) {
    UserAccount account = findByUsername(username).orElseThrow(this::noSuchAccount);
    if (actor.equals(username) && !roles.contains(Role.ADMIN)) {
      throw new AccountException(Reason.OWN_ACCOUNT);
    }
    Instant now = Instant.now();
    account.rename(displayName, now);
    account.grantOnly(roles, now);
    audit.record(
        actor,
        AuditAction.ACCOUNT_UPDATED,
        "account:" + username,
        "display name " + displayName + ", roles " + roles);
  }

  /** Sets a new password chosen by an administrator; the old one stops working at once. */
  @Transactional
  public void resetPassword(String actor, String username, char[] password) {
    String weakness = Passwords.weakness(password);
    if (weakness != null) {
      throw new AccountException(Reason.WEAK_PASSWORD, weakness, null);
    }
    UserAccount account = findByUsername(username).orElseThrow(this::noSuchAccount);
    account.changePasswordHash(passwords.hash(password), Instant.now());
    audit.record(actor, AuditAction.PASSWORD_RESET, "account:" + username, null);
  }

  /** Deletes the account and every mailbox link to it. */
  @Transactional
  public void delete(String actor, String username) {
    if (actor.equals(username)) {
      throw new AccountException(Reason.OWN_ACCOUNT);
    }
    UserAccount account = findByUsername(username).orElseThrow(this::noSuchAccount);
    // The foreign key cascades too; deleting through JPA first keeps the provider's cache right.
    int links =
        em.createNamedQuery(IdentityLink.DELETE_OF_ACCOUNT)
            .setParameter("account", account)
            .executeUpdate();
    em.remove(account);
    audit.record(
        actor, AuditAction.ACCOUNT_DELETED, "account:" + username, links + " link(s) removed");
  }

  @Transactional
  public void enable(String actor, String username, boolean enabled) {
    if (!enabled && actor.equals(username)) {
      throw new AccountException(Reason.OWN_ACCOUNT);
    }
    UserAccount account = findByUsername(username).orElseThrow(this::noSuchAccount);
    account.enable(enabled, Instant.now());
    audit.record(
        actor,
        enabled ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED,
        "account:" + username,
        null);
  }

  /**
   * The account whose password this is. Unknown usernames and wrong passwords fail alike, in about
   * the same time; failures count towards the lock-out of the username and of the client.
   */
  public UserAccount authenticate(String username, char[] password, String client) {
    throttle.checkAllowed(username, client);
    Optional<UserAccount> account = findByUsername(username);
    boolean matches;
    if (account.isPresent()) {
      matches = passwords.matches(password, account.get().passwordHash());
    } else {
      passwords.spendVerificationTime(password);
      matches = false;
    }
    if (!matches) {
      throttle.failed(username, client);
      throw new AccountException(Reason.INVALID_CREDENTIALS);
    }
    throttle.succeeded(username);
    if (!account.get().enabled()) {
      throw new AccountException(Reason.ACCOUNT_DISABLED);
    }
    return account.get();
  }

  private AccountException noSuchAccount() {
    return new AccountException(Reason.NO_SUCH_ACCOUNT);
  }
}
