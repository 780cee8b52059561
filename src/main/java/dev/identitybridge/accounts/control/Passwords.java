package dev.identitybridge.accounts.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Hashes and verifies local passwords with the server's {@link Pbkdf2PasswordHash}, configured with
 * OWASP's current parameters for PBKDF2-HMAC-SHA512 instead of the weak defaults.
 */
@ApplicationScoped
public class Passwords {

  public static final int MIN_LENGTH = 12;

  /** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
  public static final int MAX_LENGTH = 1024;

  @Inject Pbkdf2PasswordHash hash;

  /** Verified against when the username is unknown, so that both cases cost the same. */
  private String decoy;

  @PostConstruct
  void configure() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    decoy = hash.generate("not a password of anyone".toCharArray());
  }

  public String hash(char[] password) {
    return hash.generate(password);
  }

  public boolean matches(char[] password, String storedHash) {
    return hash.verify(password, storedHash);
  }

  /** Spends the time of one verification, for a username that does not exist. */
  public void spendVerificationTime(char[] password) {
    hash.verify(password, decoy);
  }

  /** Why a new password is refused, or null when it is acceptable. */
  public static String weakness(char[] password) {
    if (password == null || password.length < MIN_LENGTH) {
      return "The password must have at least " + MIN_LENGTH + " characters.";
    }
    if (password.length > MAX_LENGTH) {
      return "The password must have at most " + MAX_LENGTH + " characters.";
    }
    return null;
  }
}
