package dev.identitybridge.accounts.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identitybridge.config.control.Configuration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Limits failed password checks per username and per client address. After too many failures the
 * key is locked for the lockout period; the counters live in a bounded cache, so a flood of made-up
 * usernames cannot exhaust memory.
 */
@ApplicationScoped
public class LoginThrottle {

  private record Failures(int count, Instant lockedUntil) {}

  @Inject Configuration configuration;

  int maxFailuresPerUsername;
  int maxFailuresPerClient;
  Duration lockout;

  private Cache<String, Failures> failures;

  @PostConstruct
  void init() {
    maxFailuresPerUsername = configuration.maxLoginFailures();
    maxFailuresPerClient = configuration.maxLoginFailuresPerClient();
    lockout = configuration.lockout();
    failures = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(100_000).build();
  }

  /** Throws {@link AccountException.Reason#TOO_MANY_ATTEMPTS} while either key is locked. */
  public void checkAllowed(String username, String client) {
    Instant now = Instant.now();
    for (String key : keys(username, client)) {
      Failures current = failures.getIfPresent(key);
      if (current != null && current.lockedUntil() != null && current.lockedUntil().isAfter(now)) {
        Duration wait = Duration.between(now, current.lockedUntil());
        throw new AccountException(
            AccountException.Reason.TOO_MANY_ATTEMPTS,
            AccountException.Reason.TOO_MANY_ATTEMPTS.sentence(),
            wait.isZero() ? Duration.ofSeconds(1) : wait);
      }
    }
  }

  public void failed(String username, String client) {
    Instant now = Instant.now();
    failures.asMap().merge(usernameKey(username), new Failures(1, null), this::add);
    failures.asMap().merge(clientKey(client), new Failures(1, null), this::add);
    lockIfOver(usernameKey(username), maxFailuresPerUsername, now);
    lockIfOver(clientKey(client), maxFailuresPerClient, now);
  }

  public void succeeded(String username) {
    failures.invalidate(usernameKey(username));
  }

  private Failures add(Failures old, Failures one) {
    return new Failures(old.count() + one.count(), old.lockedUntil());
  }

  private void lockIfOver(String key, int max, Instant now) {
    failures
        .asMap()
        .computeIfPresent(
            key,
            (k, f) ->
                f.count() >= max && f.lockedUntil() == null
                    ? new Failures(f.count(), now.plus(lockout))
                    : f);
  }

  private static String[] keys(String username, String client) {
    return new String[] {usernameKey(username), clientKey(client)};
  }

  private static String usernameKey(String username) {
    return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
  }

  private static String clientKey(String client) {
    return "client:" + client;
  }
}
