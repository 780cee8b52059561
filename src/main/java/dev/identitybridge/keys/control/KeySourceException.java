package dev.identitybridge.keys.control;

/**
 * A key source could not be fetched or holds no usable signing key. The message names the URL and
 * the cause, for the log and the admin page.
 */
public class KeySourceException extends Exception {

  private static final long serialVersionUID = 1L;

  public KeySourceException(String message) {
    super(message);
  }

  public KeySourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
