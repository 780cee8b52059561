package dev.identitybridge.admin.control;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether a signed-in admin session may go on. The server keeps the roles a session signed in with;
 * this looks at the account again on every request (in the database, which every instance shares):
 * it must still exist, be enabled and have the role admin, and its password must be the one the
 * session signed in with.
 */
@ApplicationScoped
public class AdminSessions {

  private static final Logger LOG = Logger.getLogger(AdminSessions.class.getName());

  /** The session attribute holding the credential version the session signed in with. */
  static final String CREDENTIALS = "identitybridge.admin.credential-version";

  @Inject Accounts accounts;
  @Inject AuditLog audit;

  public void signedIn(HttpSession session, UserAccount account) {
    session.setAttribute(CREDENTIALS, account.credentialVersion());
  }

  /** The admin changed their own password: this session goes on, their other ones end. */
  public void passwordChanged(HttpSession session, int credentialVersion) {
    session.setAttribute(CREDENTIALS, credentialVersion);
  }

  /**
   * Why the session of this user may not go on, audited; empty when it may.
   *
   * @param session the request's session, or null
   */
  public Optional<String> refusal(String username, HttpSession session) {
    Optional<UserAccount> account = accounts.findByUsername(username);
    Object signedInWith = session == null ? null : session.getAttribute(CREDENTIALS);
    String refusal =
        account.isEmpty()
            ? "the account was deleted"
            : !account.get().enabled()
                ? "the account was disabled"
                : !account.get().isActiveAdmin()
                    ? "the account is no longer an administrator"
                    : !(signedInWith instanceof Integer version
                            && version == account.get().credentialVersion())
                        ? "the account's password was changed"
                        : null;
    if (refusal == null) {
      return Optional.empty();
    }
    LOG.info(() -> "Ended the admin session of " + username + ": " + refusal);
    audit.recordAlone(username, AuditAction.ADMIN_SESSION_ENDED, "account:" + username, refusal);
    return Optional.of(refusal);
  }
}
