package dev.identitybridge.keys.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.keys.entity.ExpiringKey;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiringKeysTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

  private static SigningKey endingAt(String id, Instant notAfter) {
    return new SigningKey(id, "CN=" + id, null, notAfter, 2048, null);
  }

  private ExpiringKeys over(SigningKey... keys) {
    KeySnapshot snapshot =
        KeySnapshot.notFetched("https://mail.example.com:443/m", "Exchange")
            .loaded(List.of(keys), clock.instant(), null);
    return new ExpiringKeys(() -> List.of(snapshot), Duration.ofDays(30), clock);
  }

  @Test
  void warnsOfACertificateEndingWithinTheWindowSoonestFirst() {
    Instant now = clock.instant();
    ExpiringKeys keys =
        over(
            endingAt("far", now.plus(Duration.ofDays(40))),
            endingAt("soon", now.plus(Duration.ofDays(10))),
            endingAt("ended", now.minus(Duration.ofDays(2))),
            endingAt("no-certificate", null));

    List<ExpiringKey> expiring = keys.within();

    assertThat(expiring).extracting(ExpiringKey::keyId).containsExactly("ended", "soon");
    assertThat(expiring.get(1).daysLeft()).isEqualTo(10);
    assertThat(expiring.get(1).warning())
        .isEqualTo(
            "The signing certificate soon of Exchange expires on 2026-03-11T12:00:00Z, in 10"
                + " day(s).");
    assertThat(expiring.get(0).warning()).contains("expired on");
  }

  @Test
  void theWarningStartsWhenTheWindowReachesTheEnd() {
    ExpiringKeys keys = over(endingAt("k", clock.instant().plus(Duration.ofDays(31))));
    assertThat(keys.within()).isEmpty();

    clock.advance(Duration.ofDays(1));

    assertThat(keys.within()).extracting(ExpiringKey::daysLeft).containsExactly(30L);
  }
}
