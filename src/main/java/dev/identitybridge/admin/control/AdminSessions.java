package dev.identitybridge.admin.control;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Who an admin session signed in as, and whether it may go on. The sign-in is one Serializable
 * session attribute, the only thing the server has to replicate for another instance to carry the
 * session on; the account behind it is looked at again on every request (in the database, which
 * every instance shares): it must still exist, be enabled and have the role admin, and its password
 * must be the one the session signed in with.
 */
@ApplicationScoped
public class AdminSessions {

  private static final Logger LOG = Logger.getLogger(AdminSessions.class.getName());

  static final String SIGN_IN = "dev.identitybridge.admin.sign-in";
  static final String DESTINATION = "dev.identitybridge.admin.destination";

  /**
   * What a session keeps of its sign-in: the username and the credential version it signed in with.
   */
  record SignIn(String username, int credentialVersion) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Where a session stands: signed in as this account, never signed in, or signed in no longer. */
  public sealed interface Standing {
    record Admin(UserAccount account) implements Standing {}

    record Anonymous() implements Standing {}

    record Ended(String why) implements Standing {}
  }

  @Inject Accounts accounts;
  @Inject AuditLog audit;

  public void signedIn(HttpSession session, UserAccount account) {
    session.setAttribute(SIGN_IN, new SignIn(account.username(), account.credentialVersion()));
  }

  /** The admin changed their own password: this session goes on, their other ones end. */
  public void passwordChanged(HttpSession session, int credentialVersion) {
    if (session.getAttribute(SIGN_IN) instanceof SignIn signIn) {
      session.setAttribute(SIGN_IN, new SignIn(signIn.username(), credentialVersion));
    }
  }

  /**
   * Where the session of this request stands. A sign-in that may not go on is audited, and the
   * session is ended.
   */
  public Standing standing(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(SIGN_IN) instanceof SignIn signIn)) {
      return new Standing.Anonymous();
    }
    Optional<UserAccount> account = accounts.findByUsername(signIn.username());
    String refusal =
        account.isEmpty()
            ? "the account was deleted"
            : !account.get().enabled()
                ? "the account was disabled"
                : !account.get().isActiveAdmin()
                    ? "the account is no longer an administrator"
                    : account.get().credentialVersion() != signIn.credentialVersion()
                        ? "the account's password was changed"
                        : null;
    if (refusal == null) {
      return new Standing.Admin(account.get());
    }
    session.invalidate();
    LOG.info(() -> "Ended the admin session of " + signIn.username() + ": " + refusal);
    audit.recordAlone(
        signIn.username(),
        AuditAction.ADMIN_SESSION_ENDED,
        "account:" + signIn.username(),
        refusal);
    return new Standing.Ended(refusal);
  }

  /** Remembers the admin page an anonymous visitor asked for, to continue there after the login. */
  public void rememberDestination(HttpServletRequest request) {
    if ("GET".equals(request.getMethod())) {
      String query = request.getQueryString();
      request
          .getSession()
          .setAttribute(DESTINATION, request.getRequestURI() + (query == null ? "" : "?" + query));
    }
  }

  /**
   * The page to continue on after a login, taken out of the session: the one remembered, which is
   * always a path of this server, or the given default.
   */
  public String takeDestination(HttpSession session, String otherwise) {
    Object destination = session.getAttribute(DESTINATION);
    session.removeAttribute(DESTINATION);
    return destination instanceof String path && path.startsWith("/") && !path.startsWith("//")
        ? path
        : otherwise;
  }
}
