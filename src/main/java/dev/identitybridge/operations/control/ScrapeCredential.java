package dev.identitybridge.operations.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.identitybridge.config.control.Configuration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The Bearer secret a Prometheus scraper sends. Compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}, so the time taken says nothing about the secret, not even its length.
 */
@ApplicationScoped
public class ScrapeCredential {

  private static final String SCHEME = "Bearer ";

  private Optional<byte[]> expected;

  /** For the container's client proxy only. */
  protected ScrapeCredential() {}

  @Inject
  public ScrapeCredential(Configuration configuration) {
    this(configuration.metricsToken());
  }

  public ScrapeCredential(Optional<String> secret) {
    this.expected = secret.map(ScrapeCredential::digest);
  }

  /** Whether the metrics endpoint exists at all: only once a secret is configured. */
  public boolean configured() {
    return expected.isPresent();
  }

  /** Whether an {@code Authorization} header carries the configured secret. */
  public boolean accepts(String authorization) {
    if (expected.isEmpty()
        || authorization == null
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.get(), digest(authorization.substring(SCHEME.length()).strip()));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
