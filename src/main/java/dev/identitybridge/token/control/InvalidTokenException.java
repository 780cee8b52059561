package dev.identitybridge.token.control;

import java.util.Locale;

/**
 * A token was rejected. {@link #reason()} says why in a stable code; the message is a sentence for
 * people and never contains the token.
 */
public class InvalidTokenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a token was rejected; {@link #code()} is part of the HTTP API. */
  public enum Reason {
    MALFORMED_TOKEN,
    TOKEN_TOO_LARGE,
    UNSUPPORTED_ALGORITHM,
    MISSING_KEY_ID,
    WRONG_VERSION,
    UNTRUSTED_METADATA_URL,
    METADATA_UNAVAILABLE,
    UNKNOWN_SIGNING_KEY,
    BAD_SIGNATURE,
    TOKEN_EXPIRED,
    TOKEN_NOT_YET_VALID,
    WRONG_AUDIENCE,
    WRONG_ISSUER,
    TENANT_NOT_ALLOWED,
    CLIENT_APP_NOT_ALLOWED,
    MISSING_SCOPE;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The lower_snake code, for example {@code bad_signature}. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public InvalidTokenException(Reason reason, String message) {
    // Rejections are expected answers, not bugs: a stack trace would only cost time under load.
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
