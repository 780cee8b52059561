package dev.identitybridge.sandbox.control;

import static dev.identitybridge.exchange.control.TestTokens.AMURL;
import static dev.identitybridge.exchange.control.TestTokens.SIGNER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.exchange.control.ExchangeTokenValidator;
import dev.identitybridge.exchange.control.TestTokens;
import dev.identitybridge.exchange.entity.ExchangeIdentity;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The sandbox plugs into the store as one more Exchange key source while it is on, and only then:
 * its tokens validate like Exchange's, its key never leaves the process, and every other server's
 * keys still come from their own source.
 */
class SandboxTokensTest {

  private static final SandboxIssuer SANDBOX_OFF =
      new SandboxIssuer(false, TestTokens.AUDIENCE, Clock.systemUTC());

  /** Key generation takes a moment: one sandbox for the class; it holds no state between calls. */
  private static final SandboxIssuer SANDBOX =
      new SandboxIssuer(true, TestTokens.AUDIENCE, Clock.fixed(TestTokens.NOW, ZoneOffset.UTC));

  /** Every location the configured Exchange's source was fetched from. */
  private final List<URI> fetchedFromExchange = new CopyOnWriteArrayList<>();

  private KeySource configuredExchange() {
    RSAPublicKey key = (RSAPublicKey) SIGNER.keyPair().getPublic();
    return KeySource.at(
        AMURL,
        TokenKind.EXCHANGE_IDENTITY,
        "test",
        location -> {
          fetchedFromExchange.add(location);
          return List.of(
              new SigningKey(TestTokens.x5t(SIGNER.certificate()), null, null, null, 2048, key));
        });
  }

  /** The validator as the server builds it: trusting the Exchange sources of the store. */
  private ExchangeTokenValidator validatorAt(Instant now, SandboxIssuer sandbox) {
    List<KeySource> sources = new ArrayList<>(List.of(configuredExchange()));
    sources.addAll(sandbox.keySources());
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    SigningKeyStore store =
        new SigningKeyStore(sources, clock, Duration.ofSeconds(30), Duration.ofHours(1));
    return new ExchangeTokenValidator(
        new ExchangeTokenValidator.Settings(
            store.sources(TokenKind.EXCHANGE_IDENTITY),
            List.of(TestTokens.AUDIENCE),
            Duration.ofMinutes(5)),
        store,
        clock);
  }

  private static String x5tOf(String token) {
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(header))) {
      return reader.readObject().getString("x5t");
    }
  }

  @Test
  void acceptsSandboxTokensWhileTheSandboxIsOnWithoutAskingTheNetwork() {
    String token = SANDBOX.issue("alice");

    ExchangeIdentity identity = validatorAt(TestTokens.NOW, SANDBOX).validate(token);

    assertThat(identity.amurl()).isEqualTo(SandboxIssuer.METADATA_URL);
    assertThat(identity.msexchuid()).isEqualTo(SandboxIssuer.msexchuid("alice"));
    assertThat(identity.realm()).isEqualTo("sandbox.identitybridge.invalid");
    assertThat(identity.uniqueID())
        .isEqualTo(
            ExchangeTokenValidator.uniqueId(
                SandboxIssuer.METADATA_URL, SandboxIssuer.msexchuid("alice")));
    assertThat(fetchedFromExchange).isEmpty();
  }

  @Test
  void stillAsksTheConfiguredSourceForEveryOtherServerWhileTheSandboxIsOn() {
    ExchangeIdentity identity =
        validatorAt(TestTokens.NOW, SANDBOX).validate(TestTokens.exchangeToken().signed());

    assertThat(identity.amurl()).isEqualTo(AMURL);
    assertThat(fetchedFromExchange).hasSize(1);
  }

  @Test
  void contributesNoSourceWhileOff() {
    assertThat(SANDBOX_OFF.keySources()).isEmpty();
  }

  @Test
  void rejectsSandboxTokensWhileTheSandboxIsOff() {
    String token = SANDBOX.issue("alice");

    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () -> validatorAt(TestTokens.NOW, SANDBOX_OFF).validate(token));

    assertThat(rejected.reason()).isEqualTo(Reason.UNTRUSTED_METADATA_URL);
    assertThat(fetchedFromExchange).isEmpty();
  }

  @Test
  void rejectsASandboxTokenSignedByAnotherKey() {
    String x5t = x5tOf(SANDBOX.issue("alice"));
    String forged =
        TestTokens.exchangeToken()
            .header("x5t", x5t)
            .appctx("amurl", SandboxIssuer.METADATA_URL)
            .signed();

    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () -> validatorAt(TestTokens.NOW, SANDBOX).validate(forged));

    assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void aRestartedSandboxKnowsTheSameMailboxButNotTheOldKey() {
    SandboxIssuer restarted =
        new SandboxIssuer(true, TestTokens.AUDIENCE, Clock.fixed(TestTokens.NOW, ZoneOffset.UTC));
    ExchangeTokenValidator validator = validatorAt(TestTokens.NOW, restarted);

    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class, () -> validator.validate(SANDBOX.issue("alice")));

    assertThat(rejected.reason()).isEqualTo(Reason.UNKNOWN_SIGNING_KEY);
    assertThat(validator.validate(restarted.issue("alice")).uniqueID())
        .isEqualTo(
            validatorAt(TestTokens.NOW, SANDBOX).validate(SANDBOX.issue("Alice")).uniqueID());
  }

  @Test
  void sandboxTokensExpireAfterEightHoursLikeExchanges() {
    String token = SANDBOX.issue("alice");
    Instant lastValid = TestTokens.NOW.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(5));

    assertThat(validatorAt(lastValid, SANDBOX).validate(token)).isNotNull();
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () -> validatorAt(lastValid.plusSeconds(1), SANDBOX).validate(token));
    assertThat(rejected.reason()).isEqualTo(Reason.TOKEN_EXPIRED);
  }
}
