package dev.identitybridge.keys.control;

/**
 * No signing key of a source is known, because fetching it failed. The message is for the log and
 * the admin page; callers of the validators only see {@code metadata_unavailable}.
 */
public class KeysUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KeysUnavailableException(String message) {
    super(message);
  }
}
