package dev.identitybridge.token.control;

import static dev.identitybridge.token.control.TestTokens.AMURL;
import static dev.identitybridge.token.control.TestTokens.SIGNER;
import static dev.identitybridge.token.control.TestTokens.exchangeToken;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.addin.control.SandboxIssuer;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.ExchangeIdentity;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The configured bean, built as the container builds it but without one. */
class ExchangeTokensTest {

  private static final SigningKeys SIGNER_KEY =
      (url, x5t) -> Optional.of((RSAPublicKey) SIGNER.keyPair().getPublic());

  private static final SandboxIssuer SANDBOX_OFF =
      new SandboxIssuer(false, TestTokens.AUDIENCE, Clock.systemUTC());

  /** Key generation takes a moment: one sandbox for the class; it holds no state between calls. */
  private static final SandboxIssuer SANDBOX =
      new SandboxIssuer(true, TestTokens.AUDIENCE, Clock.fixed(TestTokens.NOW, ZoneOffset.UTC));

  private static final ExchangeTokenValidator.Settings CONFIGURED =
      new ExchangeTokenValidator.Settings(
          List.of(AMURL), List.of(TestTokens.AUDIENCE), Duration.ofMinutes(5));

  /** The certificate store's part: the signer's key, and a record of every URL it was asked for. */
  private final List<String> askedTheStore = new CopyOnWriteArrayList<>();

  private final SigningKeys store =
      (url, x5t) -> {
        askedTheStore.add(url);
        return SIGNER_KEY.find(url, x5t);
      };

  private static String x5tOf(String token) {
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(header))) {
      return reader.readObject().getString("x5t");
    }
  }

  private ExchangeTokenValidator validatorAt(Instant now, SandboxIssuer sandbox) {
    return ExchangeTokens.validator(CONFIGURED, store, sandbox, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** A genuine token valid now, since the bean uses the system clock. */
  private static TestTokens currentToken() {
    Instant now = Instant.now();
    return exchangeToken()
        .claim("nbf", now.minusSeconds(60).getEpochSecond())
        .claim("exp", now.plusSeconds(3600).getEpochSecond());
  }

  @Test
  void defaultsTheAudienceToTheTaskPaneUnderThePublicBaseUrl() {
    ExchangeTokenValidator.Settings settings =
        ExchangeTokens.settings(
            Optional.empty(), Optional.empty(), "https://bridge.example.com/", Duration.ZERO);

    assertThat(settings.audiences())
        .containsExactly("https://bridge.example.com/addin/taskpane.html");
  }

  @Test
  void splitsCommaSeparatedLists() {
    ExchangeTokenValidator.Settings settings =
        ExchangeTokens.settings(
            Optional.of(" https://a.example/m ,https://b.example/m,, "),
            Optional.of("https://x.example/a.html, https://y.example/b.html"),
            "http://localhost:8080",
            Duration.ofMinutes(5));

    assertThat(settings.trustedMetadataUrls())
        .containsExactly("https://a.example/m", "https://b.example/m");
    assertThat(settings.audiences())
        .containsExactly("https://x.example/a.html", "https://y.example/b.html");
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void acceptsTokensForTheDefaultAudience() {
    ExchangeTokens tokens =
        new ExchangeTokens(
            Optional.of(AMURL),
            Optional.empty(),
            "http://localhost:8080",
            Duration.ofMinutes(5),
            SIGNER_KEY,
            SANDBOX_OFF);

    String token =
        currentToken().claim("aud", "http://localhost:8080/addin/taskpane.html").signed();

    assertThat(tokens.validate(token).amurl()).isEqualTo(AMURL);
  }

  @Test
  void rejectsEveryTokenWithoutTrustedMetadataUrls() {
    ExchangeTokens tokens =
        new ExchangeTokens(
            Optional.empty(),
            Optional.of(TestTokens.AUDIENCE),
            "http://localhost:8080",
            Duration.ofMinutes(5),
            SIGNER_KEY,
            SANDBOX_OFF);

    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class, () -> tokens.validate(currentToken().signed()));

    assertThat(rejected.reason()).isEqualTo(Reason.UNTRUSTED_METADATA_URL);
  }

  @Test
  void refusesAPlainHttpTrustedMetadataUrl() {
    IllegalArgumentException refused =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () ->
                new ExchangeTokens(
                    Optional.of("http://mail.example.com/autodiscover/metadata/json/1"),
                    Optional.empty(),
                    "http://localhost:8080",
                    Duration.ofMinutes(5),
                    SIGNER_KEY,
                    SANDBOX_OFF));

    assertThat(refused).hasMessageContaining("http://mail.example.com");
  }

  @Test
  void acceptsSandboxTokensWhileTheSandboxIsOnWithoutAskingTheStore() {
    String token = SANDBOX.issue("alice");

    ExchangeIdentity identity = validatorAt(TestTokens.NOW, SANDBOX).validate(token);

    assertThat(identity.amurl()).isEqualTo(SandboxIssuer.METADATA_URL);
    assertThat(identity.msexchuid()).isEqualTo(SandboxIssuer.msexchuid("alice"));
    assertThat(identity.realm()).isEqualTo("sandbox.identitybridge.invalid");
    assertThat(identity.uniqueID())
        .isEqualTo(
            ExchangeTokenValidator.uniqueId(
                SandboxIssuer.METADATA_URL, SandboxIssuer.msexchuid("alice")));
    assertThat(askedTheStore).isEmpty();
  }

  @Test
  void stillAsksTheStoreForEveryOtherServerWhileTheSandboxIsOn() {
    ExchangeIdentity identity =
        validatorAt(TestTokens.NOW, SANDBOX).validate(TestTokens.exchangeToken().signed());

    assertThat(identity.amurl()).isEqualTo(AMURL);
    assertThat(askedTheStore).containsExactly(AMURL);
  }

  @Test
  void rejectsSandboxTokensWhileTheSandboxIsOff() {
    String token = SANDBOX.issue("alice");

    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () -> validatorAt(TestTokens.NOW, SANDBOX_OFF).validate(token));

    assertThat(rejected.reason()).isEqualTo(Reason.UNTRUSTED_METADATA_URL);
    assertThat(askedTheStore).isEmpty();
  }

  @Test
  void rejectsSandboxTokensInTheConfiguredBeanWhileTheSandboxIsOff() {
    ExchangeTokens tokens =
        new ExchangeTokens(
            Optional.of(AMURL),
            Optional.of(TestTokens.AUDIENCE),
            "http://localhost:8080",
            Duration.ofMinutes(5),
            SIGNER_KEY,
            SANDBOX_OFF);
    String token = new SandboxIssuer(true, TestTokens.AUDIENCE, Clock.systemUTC()).issue("alice");

    InvalidTokenException rejected =
        catchThrowableOfType(InvalidTokenException.class, () -> tokens.validate(token));

    assertThat(rejected.reason()).isEqualTo(Reason.UNTRUSTED_METADATA_URL);
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
