package dev.identitybridge.token.entity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 on the request path: the uniqueIDs and the validated-token cache's keys. */
public final class Sha256 {

  // One per thread: a look-up per token costs more than the digest.
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
          });

  private Sha256() {}

  public static byte[] digest(byte[] input) {
    return DIGEST.get().digest(input);
  }
}
