package dev.identitybridge.accounts.control;

import java.time.Duration;

/** Why an account or link operation was refused; the API renders it as a problem. */
public class AccountException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public enum Reason {
    INVALID_CREDENTIALS("The username or password is not correct."),
    TOO_MANY_ATTEMPTS("Too many failed sign-in attempts. Try again later."),
    LINK_REQUIRED("This mailbox is not linked to an account yet. Sign in to link it."),
    IDENTITY_ALREADY_LINKED("This mailbox is already linked to an account."),
    NOT_LINKED("This mailbox is not linked to an account."),
    USERNAME_TAKEN("An account with this username exists already."),
    INVALID_USERNAME("A username has 1 to 64 characters."),
    INVALID_DISPLAY_NAME("A display name has 1 to 128 characters."),
    WEAK_PASSWORD("The password is too weak."),
    NO_SUCH_ACCOUNT("There is no such account."),
    OWN_ACCOUNT("Administrators cannot disable, delete or demote their own account."),
    LAST_ADMIN("The last enabled administrator cannot be disabled, demoted or deleted."),
    TRY_AGAIN("The request conflicted with another one. Try again.");

    private final String sentence;

    Reason(String sentence) {
      this.sentence = sentence;
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String sentence() {
      return sentence;
    }
  }

  private final Reason reason;
  private final Duration retryAfter;

  public AccountException(Reason reason) {
    this(reason, reason.sentence(), null);
  }

  public AccountException(Reason reason, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /** How long the caller should wait, for {@link Reason#TOO_MANY_ATTEMPTS}; otherwise null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
