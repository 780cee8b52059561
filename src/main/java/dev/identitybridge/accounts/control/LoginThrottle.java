package dev.identitybridge.accounts.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.control.LoginAttempts.Key;
import dev.identitybridge.accounts.entity.LoginAttempt.Outcome;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.persistence.DatabaseOutages;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Limits password checks per username (for each {@link LoginPurpose} apart) and per client address,
 * in the database that every instance shares ({@link LoginAttempts}). An attempt is counted before
 * its password is checked, so parallel guesses cannot outrun the limit; after the limit of failures
 * the username or address is locked for the lock-out period, and locked again each time the limit
 * is reached again.
 */
@ApplicationScoped
public class LoginThrottle {

  private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

  /** Enough for both keys' first rows and a lost race or two. */
  private static final int TRIES = 4;

  @Inject Configuration configuration;
  @Inject Clock clock;
  @Inject LoginAttempts attempts;
  @Inject AuditLog audit;

  int maxFailuresPerUsername;
  int maxFailuresPerClient;
  Duration lockout;

  @PostConstruct
  void init() {
    maxFailuresPerUsername = configuration.maxLoginFailures();
    maxFailuresPerClient = configuration.maxLoginFailuresPerClient();
    lockout = configuration.lockout();
  }

  /**
   * Counts an attempt that is about to check a password. Finish it with {@link Attempt#succeeded()}
   * or {@link Attempt#failed}; closing it unfinished gives its place back.
   *
   * @throws AccountException TOO_MANY_ATTEMPTS while the username or the client is locked, or while
   *     as many attempts are in progress as the limit allows
   */
  public Attempt begin(LoginPurpose purpose, String username, String client) {
    Key user =
        new Key(
            id(purpose.name() + "\n" + username.toLowerCase(Locale.ROOT)),
            maxFailuresPerUsername,
            true);
    Key address = new Key(id("client\n" + client), maxFailuresPerClient, false);
    List<Key> keys = List.of(user, address);
    for (int tries = 1; ; tries++) {
      try {
        return new Attempt(purpose, username, client, user, keys, reserve(keys));
      } catch (AccountException e) {
        throw e;
      } catch (LoginAttempts.Missing e) {
        attempts.insertIfAbsent(e.id(), clock.instant());
      } catch (RuntimeException e) {
        if (DatabaseOutages.unreachable(e)) {
          throw e;
        }
        // A deadlock victim or a lock timeout: the database refused this try, not the limit.
        LOG.log(Level.FINE, "Counting a sign-in attempt failed", e);
      }
      if (tries == TRIES) {
        throw new AccountException(Reason.TRY_AGAIN);
      }
    }
  }

  private Map<String, Integer> reserve(List<Key> keys) {
    return attempts.reserve(keys, clock.instant(), lockout);
  }

  /** base64url(SHA-256): no tried username or address is stored as such, and every key fits. */
  private static String id(String counted) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(counted.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** One counted attempt: finish it once. */
  public final class Attempt implements AutoCloseable {

    private final LoginPurpose purpose;
    private final String username;
    private final String client;
    private final Key user;
    private final List<Key> keys;
    private final Map<String, Integer> rounds;
    private boolean finished;

    private Attempt(
        LoginPurpose purpose,
        String username,
        String client,
        Key user,
        List<Key> keys,
        Map<String, Integer> rounds) {
      this.purpose = purpose;
      this.username = username;
      this.client = client;
      this.user = user;
      this.keys = keys;
      this.rounds = rounds;
    }

    /** The password was right: the username's failures are forgotten. */
    public void succeeded() {
      finish(Outcome.SUCCEEDED, false);
    }

    /**
     * The password was wrong, or the account may not sign in here.
     *
     * @param knownAccount whether the username is an account's, so that an audited lock-out may
     *     name it (a made-up username is never stored: it may be a password typed in the wrong box)
     */
    public void failed(boolean knownAccount) {
      finish(Outcome.FAILED, knownAccount);
    }

    /** Gives the place back when the attempt ended without a verdict. */
    @Override
    public void close() {
      if (!finished) {
        finish(Outcome.ABANDONED, false);
      }
    }

    private void finish(Outcome outcome, boolean knownAccount) {
      if (finished) {
        throw new IllegalStateException("The attempt is finished already");
      }
      finished = true;
      Instant now = clock.instant();
      try {
        for (Key locked : attempts.finish(keys, rounds, outcome, now, lockout)) {
          auditLockOut(locked, knownAccount, now.plus(lockout));
        }
      } catch (RuntimeException e) {
        // The place stays taken until the key has been quiet for a lock-out period.
        LOG.log(Level.WARNING, "Finishing a counted sign-in attempt failed", e);
      }
    }

    private void auditLockOut(Key locked, boolean knownAccount, Instant until) {
      String target;
      String what;
      if (locked.equals(user)) {
        target = knownAccount ? "account:" + username : "an unknown username";
        what = locked.limit() + " failed " + purpose.label() + " attempts";
      } else {
        target = "client:" + client;
        what = locked.limit() + " failed sign-ins from this address";
      }
      LOG.info(() -> "Locked out " + target + " until " + until + ": " + what);
      audit.recordAlone(client, AuditAction.LOCKED_OUT, target, what + "; locked until " + until);
    }
  }
}
