package dev.identitybridge.accounts.entity;

import dev.identitybridge.persistence.Timestamps;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The sign-in attempts counted under one key (a username for one purpose, or a client address).
 * Changed only under the row's database lock, so the rules below hold for any number of requests on
 * any number of instances.
 *
 * <p>An attempt takes a place ({@link #reserve}) before its password is checked, so that no more
 * checks can run than the limit allows, however many arrive at once. A failed check stays counted;
 * when the failures reach the limit the key is locked for the lock-out period. When the lock has
 * ended, or the key has been quiet for a lock-out period, a new round starts from zero, and the
 * lock comes back as soon as the limit is reached again. Attempts of an earlier round, finishing
 * late, change nothing.
 */
@Entity
@Table(name = "login_attempt")
@Cacheable(false)
@NamedQuery(
    name = LoginAttempt.DELETE_QUIET,
    query =
        "delete from LoginAttempt a where a.lastAttemptAt < :quietSince"
            + " and (a.lockedUntil is null or a.lockedUntil < :now)")
public class LoginAttempt {

  public static final String DELETE_QUIET = "LoginAttempt.deleteQuiet";

  /** How a checked attempt ended. */
  public enum Outcome {
    /** The password was wrong, or the account may not sign in: counts towards the lock-out. */
    FAILED,
    /** The right password: the round's failures are forgotten, when the key asks for it. */
    SUCCEEDED,
    /** No verdict (the check itself failed): the place is given back, nothing is counted. */
    ABANDONED
  }

  @Id
  @Column(name = "attempt_key", length = 64)
  private String key;

  @Column(nullable = false)
  private int failures;

  @Column(nullable = false)
  private int pending;

  @Column(name = "round_number", nullable = false)
  private int round;

  @Column(name = "last_attempt_at", nullable = false)
  private OffsetDateTime lastAttemptAt;

  @Column(name = "locked_until")
  private OffsetDateTime lockedUntil;

  protected LoginAttempt() {}

  public LoginAttempt(String key, Instant now) {
    this.key = Objects.requireNonNull(key, "key");
    this.lastAttemptAt = Timestamps.utc(now);
  }

  public String key() {
    return key;
  }

  /**
   * Whether one more attempt may check a password now. Starts a new round first when the lock has
   * ended or the key has been quiet for a lock-out period.
   */
  public boolean admits(Instant now, int limit, Duration lockout) {
    boolean roundOver =
        lockedUntil != null
            ? !now.isBefore(lockedUntil.toInstant())
            : !now.isBefore(lastAttemptAt.toInstant().plus(lockout));
    if (roundOver) {
      failures = 0;
      pending = 0;
      lockedUntil = null;
      round++;
    }
    return lockedUntil == null && failures + pending < limit;
  }

  /**
   * Takes a place for an attempt that {@link #admits} let in.
   *
   * @return the round, which the attempt hands back to {@link #finish}
   */
  public int reserve(Instant now) {
    pending++;
    lastAttemptAt = Timestamps.utc(now);
    return round;
  }

  /**
   * Ends an attempt of the given round: gives its place back and counts a failure, locking the key
   * when the failures reach the limit.
   *
   * @param forgetOnSuccess whether a success clears the round's failures (a username's key does; a
   *     client address shared by many people does not)
   * @return whether this failure locked the key
   */
  public boolean finish(
      int round,
      Outcome outcome,
      boolean forgetOnSuccess,
      Instant now,
      int limit,
      Duration lockout) {
    if (round != this.round) {
      return false;
    }
    pending = Math.max(0, pending - 1);
    if (outcome == Outcome.SUCCEEDED && forgetOnSuccess) {
      failures = 0;
    }
    if (outcome != Outcome.FAILED) {
      return false;
    }
    failures++;
    if (lockedUntil == null && failures >= limit) {
      lockedUntil = Timestamps.utc(now.plus(lockout));
      return true;
    }
    return false;
  }

  /** How long a refused attempt should wait: until the lock ends, or a moment for pending ones. */
  public Duration retryAfter(Instant now) {
    if (lockedUntil == null) {
      return Duration.ofSeconds(1);
    }
    Duration wait = Duration.between(now, lockedUntil.toInstant());
    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
  }

  public int failures() {
    return failures;
  }

  public int pending() {
    return pending;
  }

  /** The end of the lock, or null while the key is not locked. */
  public Instant lockedUntil() {
    return lockedUntil == null ? null : lockedUntil.toInstant();
  }
}
