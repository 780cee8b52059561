package dev.identitybridge.token.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.identitybridge.entra.control.EntraTokenValidator;
import dev.identitybridge.exchange.control.ExchangeTokenValidator;
import dev.identitybridge.keys.control.SigningKeys;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.CompactToken;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes what a caller controls entirely: the token. Whatever comes in, parsing and both validators
 * either accept it or refuse it with an {@link InvalidTokenException} whose message does not echo
 * the token; nothing else may escape (an escaping exception is a 500 for the caller), and no key is
 * asked of a source that is not trusted.
 *
 * <p>{@code mvn test} replays the inputs in {@code src/test/resources/.../TokenFuzzTestInputs/}
 * (regression mode, a second or two). {@code JAZZER_FUZZ=1 mvn test -Dtest=TokenFuzzTest} searches
 * for new inputs, each target for {@code maxDuration}; a crash lands in that directory as a new
 * input, hence a regression test from then on.
 */
class TokenFuzzTest {

  static final String AMURL = "https://mail.example.com:443/autodiscover/metadata/json/1";
  static final String AUDIENCE = "https://addin.example.com/addin/taskpane.html";
  static final String JWKS = "https://login.microsoftonline.com:443/common/discovery/v2.0/keys";
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String CLIENT_ID = "8e6a7e2b-1f0b-4a4e-9a55-5c2d7b0c1d11";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  static final KeyPair SIGNER = rsa();

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any key id of a trusted source is the signer's key, so that fuzzed tokens reach every step. */
  static SigningKeys keysOnlyFrom(String trusted) {
    return (source, keyId) -> {
      assertThat(source).as("a key asked of an untrusted source").isEqualTo(trusted);
      return Optional.of(
          new SigningKey(
              keyId,
              null,
              null,
              null,
              2048,
              (RSAPublicKey) SIGNER.getPublic(),
              "https://login.microsoftonline.com/{tenantid}/v2.0"));
    };
  }

  static final ExchangeTokenValidator EXCHANGE =
      new ExchangeTokenValidator(
          new ExchangeTokenValidator.Settings(
              List.of(AMURL), List.of(AUDIENCE), Duration.ofMinutes(5)),
          keysOnlyFrom(AMURL),
          CLOCK);

  static final EntraTokenValidator ENTRA =
      new EntraTokenValidator(
          new EntraTokenValidator.Settings(
              List.of(JWKS),
              List.of(),
              List.of(TENANT),
              false,
              List.of(CLIENT_ID),
              List.of(CLIENT_ID),
              "access_as_user",
              Duration.ofMinutes(5)),
          keysOnlyFrom(JWKS),
          CLOCK);

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A token from fuzzed header and payload JSON, signed by the trusted key half of the time, so
   * that the checks behind the signature are fuzzed as well.
   */
  static String token(FuzzedDataProvider data) {
    String header = data.consumeString(512);
    boolean sign = data.consumeBoolean();
    String payload = data.consumeRemainingAsString();
    String signedPart = b64(header.getBytes(UTF_8)) + "." + b64(payload.getBytes(UTF_8));
    if (!sign) {
      return signedPart + "." + b64(new byte[256]);
    }
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(SIGNER.getPrivate());
      rs256.update(signedPart.getBytes(UTF_8));
      return signedPart + "." + b64(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void refusedCleanlyOrAccepted(String token, Runnable validation) {
    try {
      validation.run();
    } catch (InvalidTokenException refused) {
      assertThat(refused.reason()).isNotNull();
      if (token != null && token.length() > 16) {
        assertThat(refused.getMessage()).doesNotContain(token);
      }
    }
  }

  @FuzzTest(maxDuration = "20s")
  void parsesAnyTextOrRefusesIt(String text) {
    refusedCleanlyOrAccepted(text, () -> CompactToken.parse(text));
  }

  @FuzzTest(maxDuration = "20s")
  void validatesAnyExchangeTokenOrRefusesIt(FuzzedDataProvider data) {
    String token = token(data);
    refusedCleanlyOrAccepted(token, () -> EXCHANGE.validate(token));
  }

  @FuzzTest(maxDuration = "20s")
  void validatesAnyEntraTokenOrRefusesIt(FuzzedDataProvider data) {
    String token = token(data);
    refusedCleanlyOrAccepted(token, () -> ENTRA.validate(CompactToken.parse(token)));
  }
}
