package dev.identitybridge.accounts.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.accounts.entity.LoginAttempt.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginAttemptTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final Duration LOCKOUT = Duration.ofMinutes(15);
  static final int LIMIT = 3;

  final LoginAttempt key = new LoginAttempt("k", T0);

  private int reserve(Instant now) {
    assertThat(key.admits(now, LIMIT, LOCKOUT)).as("admitted at %s", now).isTrue();
    return key.reserve(now);
  }

  private boolean fail(int round, Instant now) {
    return key.finish(round, Outcome.FAILED, true, now, LIMIT, LOCKOUT);
  }

  @Test
  void attemptsInProgressTakeTheirPlacesBeforeTheyFail() {
    reserve(T0);
    reserve(T0);
    reserve(T0);

    assertThat(key.admits(T0, LIMIT, LOCKOUT)).isFalse();
    assertThat(key.pending()).isEqualTo(3);
    assertThat(key.lockedUntil()).isNull();
    assertThat(key.retryAfter(T0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theFailureThatReachesTheLimitLocksOnce() {
    int round = reserve(T0);
    reserve(T0);
    reserve(T0);

    assertThat(fail(round, T0)).isFalse();
    assertThat(fail(round, T0)).isFalse();
    assertThat(fail(round, T0.plusSeconds(1))).isTrue();

    assertThat(key.lockedUntil()).isEqualTo(T0.plusSeconds(1).plus(LOCKOUT));
    assertThat(key.retryAfter(T0.plusSeconds(1))).isEqualTo(LOCKOUT);
  }

  @Test
  void aNewRoundStartsWhenTheLockEndsAndLocksAgainAtTheLimit() {
    Instant now = T0;
    for (int period = 0; period < 3; period++) {
      for (int i = 0; i < LIMIT; i++) {
        int round = reserve(now);
        fail(round, now);
      }
      assertThat(key.admits(now.plus(LOCKOUT).minusMillis(1), LIMIT, LOCKOUT)).isFalse();
      now = now.plus(LOCKOUT);
      assertThat(key.admits(now, LIMIT, LOCKOUT)).as("period %d over", period).isTrue();
    }
  }

  @Test
  void aFailureOfAnEarlierRoundChangesNothing() {
    int earlier = reserve(T0);
    Instant quiet = T0.plus(LOCKOUT);
    int current = reserve(quiet);
    assertThat(current).isNotEqualTo(earlier);

    assertThat(fail(earlier, quiet)).isFalse();

    assertThat(key.failures()).isZero();
    assertThat(key.pending()).isEqualTo(1);
  }

  @Test
  void aSuccessForgetsTheFailuresOnlyWhereAsked() {
    int round = reserve(T0);
    fail(round, T0);
    round = reserve(T0);
    key.finish(round, Outcome.SUCCEEDED, false, T0, LIMIT, LOCKOUT);
    assertThat(key.failures()).isEqualTo(1);

    round = reserve(T0);
    key.finish(round, Outcome.SUCCEEDED, true, T0, LIMIT, LOCKOUT);
    assertThat(key.failures()).isZero();
    assertThat(key.pending()).isZero();
  }
}
