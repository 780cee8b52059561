package dev.identitybridge.token.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The validated-token cache in the token port, with an issuer that really checks RS256 signatures
 * and expiry on the same clock, so that a cached answer can be compared with the issuer's.
 */
class TokenCacheTest {

  private static final KeyPair SIGNER = keyPair();
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant EXP = NOW.plusSeconds(3600);
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final MovableClock clock = new MovableClock(NOW);
  private final AtomicInteger verifications = new AtomicInteger();
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Checks the signature and the time, as every real kind does, and counts the checks. */
  private final TokenIssuer issuer =
      new TokenIssuer() {
        @Override
        public boolean recognises(CompactToken token) {
          return token.payload().containsKey("sub");
        }

        @Override
        public Identity validate(CompactToken token) {
          verifications.incrementAndGet();
          if (!Rs256.verifies((RSAPublicKey) SIGNER.getPublic(), token)) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE, "bad signature");
          }
          Instant exp = Instant.ofEpochSecond(token.payload().getJsonNumber("exp").longValue());
          if (clock.instant().isAfter(exp.plus(SKEW))) {
            throw new InvalidTokenException(Reason.TOKEN_EXPIRED, "expired");
          }
          String sub = token.payload().getString("sub");
          return new Identity(
              TokenKind.EXCHANGE_IDENTITY, Identity.uniqueIdOf(sub), "test", exp, Map.of());
        }
      };

  private TokenValidator validator(long maxEntries) {
    return new TokenValidator(
        List.of(issuer), new TokenCache(maxEntries, SKEW, clock), new Rejections(clock));
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger(TokenValidator.class.getName()).removeHandler(capture);
  }

  @Test
  void aRepeatedTokenIsVerifiedOnce() {
    TokenValidator validator = validator(100);
    String token = token("alice", EXP);

    Identity first = validator.validate(token);
    Identity again = validator.validate(token);

    assertThat(again).isEqualTo(first);
    assertThat(verifications).hasValue(1);
  }

  @Test
  void aTamperedTokenNeverFindsTheOriginalsEntry() {
    TokenValidator validator = validator(100);
    String token = token("alice", EXP);
    validator.validate(token);
    String[] parts = token.split("\\.");
    // Same header and payload, another signature: a cache keyed on the claims would answer it.
    String otherSignature = parts[0] + "." + parts[1] + "." + flipLast(parts[2]);
    // Same signature, another payload.
    String otherPayload =
        parts[0]
            + "."
            + encode("{\"sub\":\"mallory\",\"exp\":" + EXP.getEpochSecond() + "}")
            + "."
            + parts[2];

    for (String tampered : List.of(otherSignature, otherPayload)) {
      InvalidTokenException rejected =
          catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(tampered));
      assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }
    assertThat(verifications).hasValue(3);
  }

  @Test
  void aCachedTokenExpiresExactlyWhenTheIssuerWouldRejectIt() {
    TokenValidator validator = validator(100);
    String token = token("alice", EXP);
    validator.validate(token);

    clock.advance(Duration.between(NOW, EXP.plus(SKEW)));
    assertThat(validator.validate(token).uniqueID()).isEqualTo(Identity.uniqueIdOf("alice"));
    assertThat(verifications).hasValue(1);
    clock.advance(Duration.ofMillis(1));
    InvalidTokenException rejected =
        catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(token));

    assertThat(rejected.reason()).isEqualTo(Reason.TOKEN_EXPIRED);
    assertThat(validator.rejections().counts()).containsEntry(Reason.TOKEN_EXPIRED, 1L);
  }

  @Test
  void anEntryLivesNoLongerThanItsTokensExpiryPlusSkew() {
    TokenCache cache = new TokenCache(100, SKEW, clock);
    TokenValidator validator = new TokenValidator(List.of(issuer), cache, new Rejections(clock));
    validator.validate(token("alice", EXP));
    assertThat(cache.size()).isEqualTo(1);

    clock.advance(Duration.between(NOW, EXP.plus(SKEW)).plusMillis(1));

    assertThat(cache.size()).isZero();
  }

  @Test
  void rejectionsAreNotCached() {
    AtomicInteger calls = new AtomicInteger();
    TokenIssuer flaky =
        new TokenIssuer() {
          @Override
          public boolean recognises(CompactToken token) {
            return true;
          }

          @Override
          public Identity validate(CompactToken token) {
            if (calls.incrementAndGet() == 1) {
              throw new InvalidTokenException(Reason.METADATA_UNAVAILABLE, "no keys yet");
            }
            return issuer.validate(token);
          }
        };
    TokenValidator validator =
        new TokenValidator(List.of(flaky), new TokenCache(100, SKEW, clock), new Rejections(clock));
    String token = token("alice", EXP);

    catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(token));

    assertThat(validator.validate(token).uniqueID()).isEqualTo(Identity.uniqueIdOf("alice"));
    assertThat(calls).hasValue(2);
  }

  @Test
  void keepsAtMostTheConfiguredNumberOfEntries() {
    TokenCache cache = new TokenCache(3, SKEW, clock);
    TokenValidator validator = new TokenValidator(List.of(issuer), cache, new Rejections(clock));

    for (int i = 0; i < 20; i++) {
      validator.validate(token("user" + i, EXP));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void withdrawnKeysForgetEveryVerifiedToken() {
    TokenCache cache = new TokenCache(100, SKEW, clock);
    TokenValidator validator = new TokenValidator(List.of(issuer), cache, new Rejections(clock));
    String token = token("alice", EXP);
    validator.validate(token);

    cache.invalidateAll();
    validator.validate(token);

    assertThat(verifications).hasValue(2);
  }

  @Test
  void anIdentityVerifiedWhileKeysWereWithdrawnIsNotStored() {
    TokenCache cache = new TokenCache(100, SKEW, clock);
    TokenCache.Generation before = cache.generation();
    Identity identity =
        new Identity(TokenKind.EXCHANGE_IDENTITY, Identity.uniqueIdOf("a"), "r", EXP, Map.of());

    cache.invalidateAll();
    cache.put(TokenCache.keyOf("a.b.c"), identity, before);

    assertThat(cache.find(TokenCache.keyOf("a.b.c"))).isEmpty();
  }

  @Test
  void malformedTokensAreRefusedBeforeTheCacheOrAnIssuer() {
    TokenValidator validator = validator(100);

    for (String malformed : List.of("", "a.b", "a.b.c.d", "a$.b.c", "x".repeat(20_000))) {
      InvalidTokenException rejected =
          catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(malformed));
      assertThat(rejected.reason()).isIn(Reason.MALFORMED_TOKEN, Reason.TOKEN_TOO_LARGE);
    }
    assertThat(verifications).hasValue(0);
  }

  @Test
  void aFloodOfRejectionsWritesOneSummaryLinePerReasonAndInterval() {
    Logger log = Logger.getLogger(TokenValidator.class.getName());
    log.addHandler(capture);
    TokenValidator validator = validator(100);
    String forged = flipLastSegment(token("alice", EXP));

    for (int i = 0; i < 1000; i++) {
      catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(forged));
      catchThrowableOfType(InvalidTokenException.class, () -> validator.validate("not a token"));
    }
    assertThat(infoLines()).isEmpty();
    clock.advance(Rejections.INTERVAL);
    catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(forged));
    for (int i = 0; i < 1000; i++) {
      catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(forged));
    }

    assertThat(infoLines())
        .containsExactlyInAnyOrder(
            "Token rejected: bad_signature \u00d71001 in the last 60 s",
            "Token rejected: malformed_token \u00d71000 in the last 60 s");
    assertThat(validator.rejections().counts())
        .containsEntry(Reason.BAD_SIGNATURE, 2001L)
        .containsEntry(Reason.MALFORMED_TOKEN, 1000L)
        .containsEntry(Reason.TOKEN_EXPIRED, 0L);
    assertThat(logged)
        .noneMatch(
            record ->
                String.valueOf(
                        record.getParameters() == null
                            ? record.getMessage()
                            : List.of(record.getParameters()))
                    .contains(forged.substring(0, 20)));
  }

  private List<String> infoLines() {
    return logged.stream()
        .filter(record -> record.getLevel().intValue() >= Level.INFO.intValue())
        .map(record -> java.text.MessageFormat.format(record.getMessage(), record.getParameters()))
        .toList();
  }

  static String token(String sub, Instant exp) {
    String signedPart =
        encode("{\"typ\":\"JWT\",\"alg\":\"RS256\"}")
            + "."
            + encode("{\"sub\":\"" + sub + "\",\"exp\":" + exp.getEpochSecond() + "}");
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(SIGNER.getPrivate());
      signature.update(signedPart.getBytes(UTF_8));
      return signedPart
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String flipLastSegment(String token) {
    int dot = token.lastIndexOf('.');
    return token.substring(0, dot + 1) + flipLast(token.substring(dot + 1));
  }

  /** Changes the first character, which carries six whole bits of the signature. */
  private static String flipLast(String segment) {
    char first = segment.charAt(0);
    return (first == 'A' ? 'B' : 'A') + segment.substring(1);
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
