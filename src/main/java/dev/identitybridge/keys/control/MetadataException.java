package dev.identitybridge.keys.control;

/**
 * A metadata document could not be fetched or holds no usable signing certificate. The message
 * names the URL and the cause, for the log and the admin page.
 */
public class MetadataException extends Exception {

  private static final long serialVersionUID = 1L;

  public MetadataException(String message) {
    super(message);
  }

  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
