package dev.identitybridge.health.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySourcesCheckTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  static KeySnapshot without(String source) {
    return KeySnapshot.notFetched(source, source).failed("connection refused", NOW, NOW);
  }

  static KeySnapshot with(String source, SigningKey key) {
    return KeySnapshot.notFetched(source, source).loaded(List.of(key), NOW, NOW);
  }

  @Test
  void isDownWhileNoSourceHasKeys() {
    KeySourcesCheck.Result result =
        KeySourcesCheck.evaluate(List.of(without("https://a.test/"), without("https://b.test/")));

    assertThat(result.up()).isFalse();
    assertThat(result).isEqualTo(new KeySourcesCheck.Result(2, 0));
  }

  @Test
  void staysUpWhenOneOfSeveralSourcesIsDown() {
    KeySourcesCheck.Result result =
        KeySourcesCheck.evaluate(
            List.of(
                without("https://a.test/"),
                with("https://b.test/", new SigningKey("k1", "CN=test", null, null, 2048, null))));

    assertThat(result.up()).isTrue();
    assertThat(result.withKeys()).isEqualTo(1);
  }

  @Test
  void hasNothingToWaitForWithoutSources() {
    assertThat(KeySourcesCheck.evaluate(List.of()).up()).isTrue();
  }
}
