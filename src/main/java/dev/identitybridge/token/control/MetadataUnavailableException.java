package dev.identitybridge.token.control;

/**
 * No signing key of a metadata document is known, because fetching it failed. The message is for
 * the log and the admin page; callers of the validator only see {@code metadata_unavailable}.
 */
public class MetadataUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MetadataUnavailableException(String message) {
    super(message);
  }
}
