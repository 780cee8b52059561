package dev.identitybridge.accounts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identitybridge.config.control.MapConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  LoginThrottle throttle;

  @BeforeEach
  void setUp() {
    throttle = new LoginThrottle();
    throttle.configuration =
        MapConfig.configuration(
            Map.of(
                "identitybridge.login.max-failures", "3",
                "identitybridge.login.max-failures-per-client", "5",
                "identitybridge.login.lockout", "PT15M"));
    throttle.init();
  }

  @Test
  void locksAUsernameAfterTheLimitWhateverTheClient() {
    throttle.failed("alice", "10.0.0.1");
    throttle.failed("Alice", "10.0.0.2");
    assertThatCode(() -> throttle.checkAllowed("alice", "10.0.0.3")).doesNotThrowAnyException();

    throttle.failed("ALICE", "10.0.0.3");

    assertThatThrownBy(() -> throttle.checkAllowed("alice", "10.0.0.4"))
        .isInstanceOfSatisfying(
            AccountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(AccountException.Reason.TOO_MANY_ATTEMPTS);
              assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
            });
    assertThatCode(() -> throttle.checkAllowed("bob", "10.0.0.4")).doesNotThrowAnyException();
  }

  @Test
  void locksAClientThatTriesManyUsernames() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "192.0.2.7");
    }

    assertThatThrownBy(() -> throttle.checkAllowed("someone-else", "192.0.2.7"))
        .isInstanceOf(AccountException.class);
    assertThatCode(() -> throttle.checkAllowed("someone-else", "192.0.2.8"))
        .doesNotThrowAnyException();
  }

  @Test
  void forgetsAUsernamesFailuresAfterASuccess() {
    throttle.failed("carol", "10.0.0.1");
    throttle.failed("carol", "10.0.0.1");
    throttle.succeeded("carol");
    throttle.failed("carol", "10.0.0.1");
    throttle.failed("carol", "10.0.0.1");

    assertThatCode(() -> throttle.checkAllowed("carol", "10.0.0.1")).doesNotThrowAnyException();
  }

  @Test
  void liftsTheLockoutWhenItEnds() throws Exception {
    throttle.configuration =
        MapConfig.configuration(
            Map.of(
                "identitybridge.login.max-failures", "3",
                "identitybridge.login.lockout", "PT0.3S"));
    throttle.init();
    for (int i = 0; i < 3; i++) {
      throttle.failed("dave", "10.0.0.1");
    }
    assertThatThrownBy(() -> throttle.checkAllowed("dave", "10.0.0.1"))
        .isInstanceOf(AccountException.class);

    Thread.sleep(400);

    assertThatCode(() -> throttle.checkAllowed("dave", "10.0.0.1")).doesNotThrowAnyException();
  }
}
