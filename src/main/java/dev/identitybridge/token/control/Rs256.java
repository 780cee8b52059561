package dev.identitybridge.token.control;

import dev.identitybridge.token.entity.CompactToken;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/**
 * The RS256 signature check every token kind uses: SHA-256 with RSA (PKCS #1 v1.5) over {@code
 * header.payload}, as RFC 7518 fixes it. The JDK's own {@link Signature}, one per thread, because a
 * look-up per token would cost more than the check.
 */
public final class Rs256 {

  private static final ThreadLocal<Signature> SHA256_WITH_RSA =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Signature.getInstance("SHA256withRSA");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("Every Java runtime has SHA256withRSA", e);
            }
          });

  private Rs256() {}

  /** Whether the token's signature was made with the private half of this key. */
  public static boolean verifies(RSAPublicKey key, CompactToken token) {
    if (token.signature().length == 0) {
      return false;
    }
    Signature signature = SHA256_WITH_RSA.get();
    try {
      signature.initVerify(key);
      signature.update(token.ascii(), 0, token.signedLength());
      return signature.verify(token.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
