package dev.identitybridge.operations.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.audit.entity.Audited;
import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.KeyFetched;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.TokenKind;
import dev.identitybridge.token.entity.ValidationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetersTest {

  private static final String SOURCE = "https://mail.example.com/autodiscover/metadata/json/1";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

  private final SigningKeyStore store =
      new SigningKeyStore(
          List.of(
              KeySource.at(
                  SOURCE,
                  TokenKind.EXCHANGE_IDENTITY,
                  "Exchange",
                  url ->
                      List.of(
                          new SigningKey(
                              "thumb",
                              "CN=t",
                              null,
                              clock.instant().plus(Duration.ofDays(10)),
                              2048,
                              null)))),
          clock,
          Duration.ofSeconds(30),
          Duration.ofHours(1));

  private final java.util.concurrent.atomic.AtomicLong lockedOut =
      new java.util.concurrent.atomic.AtomicLong();

  private final Meters meters = Meters.over(store, lockedOut::get, clock);

  @Test
  void countsValidationsByKindAndOutcome() {
    meters.validated(new ValidationOutcome(TokenKind.EXCHANGE_IDENTITY, "valid", 1_000_000));
    meters.validated(new ValidationOutcome(TokenKind.EXCHANGE_IDENTITY, "valid", 1_000_000));
    meters.validated(new ValidationOutcome(TokenKind.ENTRA_ACCESS, "bad_signature", 1_000_000));
    meters.validated(new ValidationOutcome(null, "malformed_token", 1_000_000));

    String text = meters.scrape();

    assertThat(text)
        .contains(
            "identitybridge_token_validations_total{kind=\"exchange\",outcome=\"valid\"} 2.0",
            "identitybridge_token_validations_total{kind=\"entra\",outcome=\"bad_signature\"} 1.0",
            "identitybridge_token_validations_total{kind=\"unknown\",outcome=\"malformed_token\"}"
                + " 1.0",
            "identitybridge_token_validation_seconds_count{kind=\"exchange\"} 2");
  }

  @Test
  void reportsFetchesKeyAgesCertificateEndsLinksAndJvm() {
    store.refreshNow();
    meters.fetched(new KeyFetched(SOURCE, true, 2_000_000));
    meters.fetched(new KeyFetched(SOURCE, false, 2_000_000));
    meters.audited(new Audited(AuditAction.LINK_CREATED));
    meters.audited(new Audited(AuditAction.LINK_REMOVED));
    meters.audited(new Audited(AuditAction.ACCOUNT_CREATED));
    meters.audited(new Audited(AuditAction.LOCKED_OUT));
    meters.audited(new Audited(AuditAction.LOCKED_OUT));
    lockedOut.set(3);
    clock.advance(Duration.ofMinutes(2));

    String text = meters.scrape();

    assertThat(text)
        .contains(
            "identitybridge_key_fetches_total{outcome=\"success\",source=\"" + SOURCE + "\"} 1.0",
            "identitybridge_key_fetches_total{outcome=\"failure\",source=\"" + SOURCE + "\"} 1.0",
            "identitybridge_link_creations_total 1.0",
            "identitybridge_link_removals_total 1.0",
            "identitybridge_lockouts_total 2.0",
            "identitybridge_lockouts_active 3.0",
            "jvm_memory_used_bytes");
    assertThat(text)
        .containsPattern("identitybridge_key_source_age_seconds\\{source=\"[^\"]+\"} 120.0");
    assertThat(text)
        .containsPattern(
            "identitybridge_signing_certificate_expiry_days\\{key=\"thumb\",source=\"[^\"]+\"}"
                + " 9.99861");
  }

  @Test
  void aDatabaseThatCannotCountTheLockOutsLeavesOnlyThatGaugeEmpty() {
    Meters failing =
        Meters.over(
            store,
            () -> {
              throw new IllegalStateException("database down");
            },
            clock);

    String text = failing.scrape();

    assertThat(text).contains("identitybridge_lockouts_active NaN", "jvm_memory_used_bytes");
  }
}
