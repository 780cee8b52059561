package dev.identitybridge.keys.entity;

import java.time.Instant;

/**
 * A signing certificate that ends within the warning window, or has ended.
 *
 * @param source the key source's label
 * @param keyId the key's id (x5t or kid)
 * @param notAfter when the certificate ends
 * @param daysLeft whole days from now until then; negative once it has ended
 */
public record ExpiringKey(String source, String keyId, Instant notAfter, long daysLeft) {

  /** A sentence for the admin page, the log and readiness. */
  public String warning() {
    return daysLeft < 0
        ? "The signing certificate " + keyId + " of " + source + " expired on " + notAfter + "."
        : "The signing certificate "
            + keyId
            + " of "
            + source
            + " expires on "
            + notAfter
            + ", in "
            + daysLeft
            + " day(s).";
  }
}
