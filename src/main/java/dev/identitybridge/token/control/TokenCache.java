package dev.identitybridge.token.control;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.Sha256;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The identities of tokens this instance has already verified, so that a token the add-in sends
 * again costs a hash and a look-up instead of a signature check. Keyed by the SHA-256 of the whole
 * token text: a token that differs in any character (a tampered one included) never finds another
 * token's entry, and no token is kept in memory. An entry lives until its token's {@code exp} plus
 * the clock skew and never longer; a hit re-checks the clock, so a cached answer is the answer the
 * issuer would give now. Only verified identities are kept: a rejection is never cached.
 *
 * <p>Per instance and in memory: a restart (the only way the trusted sources, audiences or tenants
 * change) empties it; a key source that stops listing a key empties it through {@link
 * #invalidateAll()}.
 */
public class TokenCache {

  /**
   * What {@link #generation()} returned before a validation started: an entry verified with keys
   * that were withdrawn meanwhile must not be stored.
   */
  public record Generation(long value) {}

  private final Cache<ByteBuffer, Identity> entries;
  private final Duration skew;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();

  /** For the container's client proxy only. */
  protected TokenCache() {
    this.entries = null;
    this.skew = null;
    this.clock = null;
  }

  /**
   * @param maxEntries at most this many identities are kept (the least recently and frequently used
   *     go first); 0 turns the cache off
   * @param skew the allowed clock difference, as the issuers apply it to {@code exp}
   */
  public TokenCache(long maxEntries, Duration skew, Clock clock) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException(
          "The token cache size must not be negative: " + maxEntries);
    }
    this.skew = Objects.requireNonNull(skew, "skew");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfter(new UntilExpired())
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
  }

  /** The key of a token: SHA-256 of its text (base64url characters only, so ASCII). */
  public static ByteBuffer keyOf(String token) {
    return keyOf(token.getBytes(US_ASCII));
  }

  /** The key of a token given as its ASCII bytes. */
  public static ByteBuffer keyOf(byte[] ascii) {
    return ByteBuffer.wrap(Sha256.digest(ascii));
  }

  /** Read before validating, handed back to {@link #put}. */
  public Generation generation() {
    return new Generation(generation.get());
  }

  /**
   * The cached identity of exactly this token, as the issuer would answer now.
   *
   * @throws InvalidTokenException {@code token_expired} when the token's time has passed since
   */
  public Optional<Identity> find(ByteBuffer key) {
    Identity identity = entries.getIfPresent(key);
    if (identity == null) {
      return Optional.empty();
    }
    if (clock.instant().isAfter(identity.expiresAt().plus(skew))) {
      entries.invalidate(key);
      throw new InvalidTokenException(Reason.TOKEN_EXPIRED, "The token has expired.");
    }
    return Optional.of(identity);
  }

  /**
   * Remembers a verified identity, unless keys were withdrawn since {@code before} was read (the
   * identity may have been verified with one of them).
   */
  public void put(ByteBuffer key, Identity identity, Generation before) {
    if (generation.get() != before.value()) {
      return;
    }
    entries.put(key, identity);
    if (generation.get() != before.value()) {
      // Withdrawn while storing: the clear may have run before the put.
      entries.invalidate(key);
    }
  }

  /** Forgets every identity: a key that verified some of them is no longer trusted. */
  public void invalidateAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  /** How many identities are kept now (approximately), for tests and metrics. */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** Each entry expires at its token's exp plus the skew; reads and updates do not extend it. */
  private final class UntilExpired implements Expiry<ByteBuffer, Identity> {
    @Override
    public long expireAfterCreate(ByteBuffer key, Identity identity, long currentTime) {
      // The issuer still accepts a token at exactly exp + skew: the entry goes one millisecond
      // later.
      long millis = identity.expiresAt().plus(skew).toEpochMilli() + 1 - clock.millis();
      return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public long expireAfterUpdate(
        ByteBuffer key, Identity identity, long currentTime, long currentDuration) {
      return expireAfterCreate(key, identity, currentTime);
    }

    @Override
    public long expireAfterRead(
        ByteBuffer key, Identity identity, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
