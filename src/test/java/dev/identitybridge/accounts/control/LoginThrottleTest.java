package dev.identitybridge.accounts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identitybridge.accounts.entity.LoginAttempt;
import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.config.control.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock-out rules, with the database replaced by a map whose every call holds one lock, as the
 * database's row locks do for the rows a call touches. The database itself is proven by the
 * integration tests (AccountLinkingIT), on H2 and PostgreSQL.
 */
class LoginThrottleTest {

  static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

  /** LoginAttempts over a map: one call at a time, like one transaction over locked rows. */
  static class MemoryAttempts extends LoginAttempts {
    final Map<String, LoginAttempt> rows = new HashMap<>();

    @Override
    public synchronized Map<String, Integer> reserve(
        List<Key> keys, Instant now, Duration lockout) {
      return super.reserve(keys, now, lockout);
    }

    @Override
    public synchronized List<Key> finish(
        List<Key> keys,
        Map<String, Integer> rounds,
        LoginAttempt.Outcome outcome,
        Instant now,
        Duration lockout) {
      return super.finish(keys, rounds, outcome, now, lockout);
    }

    @Override
    public synchronized void insertIfAbsent(String id, Instant now) {
      rows.putIfAbsent(id, new LoginAttempt(id, now));
    }

    @Override
    protected LoginAttempt lock(String id) {
      return rows.get(id);
    }
  }

  final MovableClock clock = new MovableClock(START);
  final MemoryAttempts attempts = new MemoryAttempts();
  final List<String> audited = new CopyOnWriteArrayList<>();
  LoginThrottle throttle;
  ExecutorService threads;

  @BeforeEach
  void setUp() {
    throttle = throttle("PT15M");
  }

  @AfterEach
  void tearDown() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  private LoginThrottle throttle(String lockout) {
    LoginThrottle throttle = new LoginThrottle();
    throttle.configuration =
        MapConfig.configuration(
            Map.of(
                "identitybridge.login.max-failures", "3",
                "identitybridge.login.max-failures-per-client", "5",
                "identitybridge.login.lockout", lockout));
    throttle.clock = clock;
    throttle.attempts = attempts;
    throttle.audit =
        new AuditLog() {
          @Override
          public void recordAlone(String actor, AuditAction action, String target, String detail) {
            audited.add(action + " " + target + " by " + actor);
          }
        };
    throttle.init();
    return throttle;
  }

  /** One wrong password: whether it got as far as the password check. */
  private boolean wrongGuess(LoginPurpose purpose, String username, String client) {
    try (LoginThrottle.Attempt attempt = throttle.begin(purpose, username, client)) {
      attempt.failed(true);
      return true;
    } catch (AccountException e) {
      assertThat(e.reason()).isEqualTo(AccountException.Reason.TOO_MANY_ATTEMPTS);
      return false;
    }
  }

  private boolean wrongGuess(String username, String client) {
    return wrongGuess(LoginPurpose.MAILBOX_LINK, username, client);
  }

  private int checkedOf(int guesses, String username, String client) {
    int checked = 0;
    for (int i = 0; i < guesses; i++) {
      checked += wrongGuess(username, client) ? 1 : 0;
    }
    return checked;
  }

  @Test
  void locksAUsernameAfterTheLimitWhateverTheClient() {
    assertThat(wrongGuess("alice", "10.0.0.1")).isTrue();
    assertThat(wrongGuess("Alice", "10.0.0.2")).isTrue();
    assertThat(wrongGuess("ALICE", "10.0.0.3")).isTrue();

    assertThatThrownBy(() -> throttle.begin(LoginPurpose.MAILBOX_LINK, "alice", "10.0.0.4"))
        .isInstanceOfSatisfying(
            AccountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(AccountException.Reason.TOO_MANY_ATTEMPTS);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15));
            });
    assertThat(wrongGuess("bob", "10.0.0.4")).isTrue();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsAnOutageNotAConflictToTryAgain() {
    throttle.attempts =
        new MemoryAttempts() {
          @Override
          public synchronized Map<String, Integer> reserve(
              List<Key> keys, Instant now, Duration lockout) {
            throw new jakarta.persistence.PersistenceException(
                new java.sql.SQLException("Connection refused", "08001"));
          }
        };

    assertThatThrownBy(() -> throttle.begin(LoginPurpose.MAILBOX_LINK, "dave", "10.0.0.1"))
        .isInstanceOf(jakarta.persistence.PersistenceException.class)
        .isNotInstanceOf(AccountException.class);
  }

  @Test
  void locksAClientThatTriesManyUsernames() {
    for (int i = 0; i < 5; i++) {
      assertThat(wrongGuess("user" + i, "192.0.2.7")).isTrue();
    }

    assertThat(wrongGuess("someone-else", "192.0.2.7")).isFalse();
    assertThat(wrongGuess("someone-else", "192.0.2.8")).isTrue();
  }

  @Test
  void forgetsAUsernamesFailuresAfterASuccess() {
    wrongGuess("carol", "10.0.0.1");
    wrongGuess("carol", "10.0.0.1");
    try (LoginThrottle.Attempt attempt =
        throttle.begin(LoginPurpose.MAILBOX_LINK, "carol", "10.0.0.1")) {
      attempt.succeeded();
    }

    assertThat(checkedOf(3, "carol", "10.0.0.1")).isEqualTo(3);
    assertThat(wrongGuess("carol", "10.0.0.1")).isFalse();
  }

  @Test
  void aSuccessOrAnUnfinishedCheckGivesTheClientItsPlaceBack() {
    for (int i = 0; i < 10; i++) {
      try (LoginThrottle.Attempt attempt =
          throttle.begin(LoginPurpose.MAILBOX_LINK, "user" + i, "198.51.100.1")) {
        if (i % 2 == 0) {
          attempt.succeeded();
        }
      }
    }

    assertThat(checkedOf(5, "someone", "198.51.100.1")).isEqualTo(3);
  }

  @Test
  void liftsTheLockoutWhenItEnds() {
    assertThat(checkedOf(3, "dave", "10.0.0.1")).isEqualTo(3);
    assertThat(wrongGuess("dave", "10.0.0.2")).isFalse();

    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(wrongGuess("dave", "10.0.0.2")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(wrongGuess("dave", "10.0.0.2")).isTrue();
  }

  @Test
  void theLockComesBackEachTimeTheLimitIsReachedAgain() {
    throttle = throttle("PT0.5S");
    for (int period = 0; period < 3; period++) {
      assertThat(checkedOf(50, "erin", "10.0.0." + period)).as("period %d", period).isEqualTo(3);
      clock.advance(Duration.ofMillis(500));
    }
  }

  @Test
  void aFailureThatArrivesAfterItsRoundEndedCannotKeepTheKeyOpen() {
    // The sequence: limit 3, lock-out 0.5 s, a failure that arrives late, then 50 guesses.
    throttle = throttle("PT0.5S");
    LoginThrottle.Attempt late = throttle.begin(LoginPurpose.MAILBOX_LINK, "frank", "10.0.0.9");
    assertThat(checkedOf(2, "frank", "10.0.0.1")).isEqualTo(2);
    assertThat(wrongGuess("frank", "10.0.0.1")).as("every place is taken").isFalse();
    clock.advance(Duration.ofMillis(600));
    assertThat(wrongGuess("frank", "10.0.0.1")).as("a new round").isTrue();

    late.failed(true);

    assertThat(checkedOf(50, "frank", "10.0.0.2")).isEqualTo(2);
  }

  @Test
  void fiftyParallelGuessesReachAtMostTheLimitOfPasswordChecks() throws Exception {
    int guesses = 50;
    threads = Executors.newFixedThreadPool(guesses);
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch allTried = new CountDownLatch(guesses);
    AtomicInteger checks = new AtomicInteger();
    List<Future<?>> done = new CopyOnWriteArrayList<>();
    for (int i = 0; i < guesses; i++) {
      String client = "203.0.113." + i;
      done.add(
          threads.submit(
              () -> {
                start.await();
                LoginThrottle.Attempt attempt;
                try {
                  attempt = throttle.begin(LoginPurpose.MAILBOX_LINK, "grace", client);
                } catch (AccountException refused) {
                  allTried.countDown();
                  return null;
                }
                checks.incrementAndGet();
                allTried.countDown();
                // The password check takes its time: every other guess arrives meanwhile.
                allTried.await(10, TimeUnit.SECONDS);
                attempt.failed(true);
                return null;
              }));
    }

    start.countDown();
    for (Future<?> guess : done) {
      guess.get(20, TimeUnit.SECONDS);
    }

    assertThat(checks).hasValue(3);
    assertThat(wrongGuess("grace", "192.0.2.1")).isFalse();
  }

  @Test
  void countsTheAdminLoginApartFromMailboxLinking() {
    for (int i = 0; i < 5; i++) {
      wrongGuess(LoginPurpose.ADMIN_LOGIN, "heidi", "203.0.113." + i);
    }
    assertThat(wrongGuess(LoginPurpose.ADMIN_LOGIN, "heidi", "203.0.113.99")).isFalse();

    assertThat(wrongGuess(LoginPurpose.MAILBOX_LINK, "heidi", "203.0.113.99")).isTrue();
  }

  private void unknownUsersGuess(String client) {
    try (LoginThrottle.Attempt attempt =
        throttle.begin(LoginPurpose.ADMIN_LOGIN, "made-up-name", client)) {
      attempt.failed(false);
    }
  }

  @Test
  void auditsEachLockOutOnceWithoutStoringWhatWasTried() {
    checkedOf(4, "ivan", "10.0.0.1");
    unknownUsersGuess("10.0.0.2");

    assertThat(audited).containsExactly("LOCKED_OUT account:ivan by 10.0.0.1");
    unknownUsersGuess("10.0.0.3");
    unknownUsersGuess("10.0.0.3");
    assertThat(audited).contains("LOCKED_OUT an unknown username by 10.0.0.3");
    assertThat(attempts.rows.keySet())
        .allSatisfy(
            key ->
                assertThat(key)
                    .hasSize(43)
                    .doesNotContain("ivan")
                    .doesNotContain("made-up")
                    .doesNotContain("10.0.0"));
  }
}
