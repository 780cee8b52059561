package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.persistence.DatabaseOutages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Local user accounts: lookup, password checks, and the changes administrators make. Every input is
 * checked here, so that no request can reach the database with a value it would refuse; a change
 * that loses a race with another one is refused with a reason, never left to fail as an error.
 */
@ApplicationScoped
public class Accounts {

  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Passwords passwords;
  @Inject LoginThrottle throttle;
  @Inject AuditLog audit;
  @Inject AccountChanges changes;

  public Optional<UserAccount> findByUsername(String username) {
    if (username == null || username.length() > UserAccount.USERNAME_LENGTH) {
      return Optional.empty();
    }
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

  /** Every account, by username, for the admin page. */
  public List<UserAccount> all() {
    return em.createNamedQuery(UserAccount.ALL, UserAccount.class).getResultList();
  }

  public UserAccount create(
      String actor, String username, String displayName, char[] password, Set<Role> roles) {
    checkUsername(username);
    checkDisplayName(displayName);
    checkPassword(password);
    String hash = passwords.hash(password);
    try {
      return changes.create(actor, username, displayName, hash, roles);
    } catch (AccountException e) {
      throw e;
    } catch (RuntimeException e) {
      // Two creations of one username at once: the unique constraint lets one of them through.
      if (findByUsername(username).isPresent()) {
        throw new AccountException(Reason.USERNAME_TAKEN);
      }
      throw tryAgain("Creating the account " + username, e);
    }
  }

  public void update(String actor, String username, String displayName, Set<Role> roles) {
    checkDisplayName(displayName);
    change(
        "Changing the account " + username,
        () -> {
          changes.update(actor, username, displayName, roles);
          return null;
        });
  }

  /**
   * Sets a new password chosen by an administrator: the old one stops working at once, and the
   * account's admin sessions end.
   *
   * @param unlinkMailboxes whether the account's mailbox links go too, in case they were made with
   *     a stolen password
   * @return the account's new credential version
   */
  public int resetPassword(
      String actor, String username, char[] password, boolean unlinkMailboxes) {
    checkPassword(password);
    String hash = passwords.hash(password);
    return change(
        "Setting the password of " + username,
        () -> changes.resetPassword(actor, username, hash, unlinkMailboxes));
  }

  /** Deletes the account and every mailbox link to it. */
  public void delete(String actor, String username) {
    change(
        "Deleting the account " + username,
        () -> {
          changes.delete(actor, username);
          return null;
        });
  }

  public void enable(String actor, String username, boolean enabled) {
    change(
        (enabled ? "Enabling" : "Disabling") + " the account " + username,
        () -> {
          changes.enable(actor, username, enabled);
          return null;
        });
  }

  /**
   * The account whose password this is, when it may sign in for the purpose. Unknown usernames,
   * wrong passwords, disabled accounts and (at the admin login) accounts without the role admin all
   * fail alike, with INVALID_CREDENTIALS, in about the same time, and all count towards the
   * lock-out of the username and of the client; what really happened goes to the audit log.
   *
   * @throws AccountException INVALID_CREDENTIALS, or TOO_MANY_ATTEMPTS while locked out
   */
  public UserAccount authenticate(
      LoginPurpose purpose, String username, char[] password, String client) {
    if (username == null
        || username.isBlank()
        || username.length() > UserAccount.USERNAME_LENGTH
        || password == null
        || password.length > Passwords.MAX_LENGTH) {
      // No account has such a name or password: there is nothing to check, or to count.
      throw new AccountException(Reason.INVALID_CREDENTIALS);
    }
    try (LoginThrottle.Attempt attempt = throttle.begin(purpose, username, client)) {
      Optional<UserAccount> account = findByUsername(username);
      boolean matches;
      if (account.isPresent()) {
        matches = passwords.matches(password, account.get().passwordHash());
      } else {
        passwords.spendVerificationTime(password);
        matches = false;
      }
      String refusal = refusal(purpose, account, matches);
      if (refusal != null) {
        attempt.failed(account.isPresent());
        auditRefusal(purpose, account, matches, refusal, client);
        throw new AccountException(Reason.INVALID_CREDENTIALS);
      }
      attempt.succeeded();
      if (purpose == LoginPurpose.ADMIN_LOGIN) {
        audit.recordAlone(
            username, AuditAction.ADMIN_SIGNED_IN, "account:" + username, "from " + client);
      }
      return account.get();
    }
  }

  /** Why a sign-in is refused, for the audit log only; null when it is not. */
  private static String refusal(
      LoginPurpose purpose, Optional<UserAccount> account, boolean matches) {
    if (account.isEmpty()) {
      return "unknown username";
    }
    if (!matches) {
      return "wrong password";
    }
    if (!account.get().enabled()) {
      return "account disabled";
    }
    return purpose.admits(account.get()) ? null : "not an administrator";
  }

  private void auditRefusal(
      LoginPurpose purpose,
      Optional<UserAccount> account,
      boolean matches,
      String refusal,
      String client) {
    String target = account.map(a -> "account:" + a.username()).orElse("an unknown username");
    if (purpose == LoginPurpose.ADMIN_LOGIN) {
      audit.recordAlone(client, AuditAction.ADMIN_SIGN_IN_FAILED, target, refusal);
    } else if (matches) {
      audit.recordAlone(
          client,
          AuditAction.DISABLED_ACCOUNT_SIGN_IN,
          target,
          "the right password for " + purpose.label() + ", refused like a wrong one");
    }
  }

  /** A username: 1 to 64 characters, no control characters, no spaces at either end. */
  private static void checkUsername(String username) {
    if (username == null || username.isBlank()) {
      throw invalidUsername("Enter a username.");
    }
    if (username.length() > UserAccount.USERNAME_LENGTH) {
      throw invalidUsername(
          "A username has at most " + UserAccount.USERNAME_LENGTH + " characters.");
    }
    if (!username.equals(username.strip())) {
      throw invalidUsername("A username cannot start or end with a space.");
    }
    if (username.chars().anyMatch(Character::isISOControl)) {
      throw invalidUsername("A username cannot contain control characters.");
    }
  }

  private static AccountException invalidUsername(String problem) {
    return new AccountException(Reason.INVALID_USERNAME, problem, null);
  }

  private static void checkDisplayName(String displayName) {
    String problem = null;
    if (displayName == null || displayName.isBlank()) {
      problem = "Enter a display name.";
    } else if (displayName.length() > UserAccount.DISPLAY_NAME_LENGTH) {
      problem = "A display name has at most " + UserAccount.DISPLAY_NAME_LENGTH + " characters.";
    }
    if (problem != null) {
      throw new AccountException(Reason.INVALID_DISPLAY_NAME, problem, null);
    }
  }

  private static void checkPassword(char[] password) {
    String weakness = Passwords.weakness(password);
    if (weakness != null) {
      throw new AccountException(Reason.WEAK_PASSWORD, weakness, null);
    }
  }

  /** Runs a change; a conflict with a concurrent one becomes TRY_AGAIN instead of an error. */
  private <T> T change(String what, Supplier<T> change) {
    try {
      return change.get();
    } catch (AccountException e) {
      throw e;
    } catch (RuntimeException e) {
      throw tryAgain(what, e);
    }
  }

  /** A conflict with a concurrent change becomes TRY_AGAIN; a database outage stays what it is. */
  private static AccountException tryAgain(String what, RuntimeException e) {
    if (DatabaseOutages.unreachable(e)) {
      throw e;
    }
    LOG.log(Level.WARNING, what + " failed; the request conflicted with another one", e);
    return new AccountException(Reason.TRY_AGAIN);
  }
}
