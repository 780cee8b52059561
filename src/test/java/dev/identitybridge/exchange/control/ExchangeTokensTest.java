package dev.identitybridge.exchange.control;

import static dev.identitybridge.exchange.control.TestTokens.AMURL;
import static dev.identitybridge.exchange.control.TestTokens.SIGNER;
import static dev.identitybridge.exchange.control.TestTokens.exchangeToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.Rejections;
import dev.identitybridge.token.control.TokenCache;
import dev.identitybridge.token.control.TokenValidator;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Exchange kind in the token port, configured as the container configures it. */
class ExchangeTokensTest {

  private static KeySource exchange() {
    RSAPublicKey key = (RSAPublicKey) SIGNER.keyPair().getPublic();
    return KeySource.at(
        AMURL,
        TokenKind.EXCHANGE_IDENTITY,
        "test",
        location ->
            List.of(
                new SigningKey(TestTokens.x5t(SIGNER.certificate()), null, null, null, 2048, key)));
  }

  private static TokenValidator port(List<KeySource> sources) {
    Clock clock = Clock.systemUTC();
    SigningKeyStore store =
        new SigningKeyStore(sources, clock, Duration.ofSeconds(30), Duration.ofHours(1));
    ExchangeTokens exchange =
        new ExchangeTokens(
            MapConfig.configuration(
                Map.of("identitybridge.public-base-url", "http://localhost:8080/")),
            store,
            clock);
    return new TokenValidator(List.of(exchange));
  }

  /** A genuine token valid now, since the bean uses the system clock. */
  private static TestTokens currentToken() {
    Instant now = Instant.now();
    return exchangeToken()
        .claim("aud", "http://localhost:8080/addin/taskpane.html")
        .claim("nbf", now.minusSeconds(60).getEpochSecond())
        .claim("exp", now.plusSeconds(3600).getEpochSecond());
  }

  @Test
  void acceptsATokenForTheDefaultAudienceAsAnExchangeIdentity() {
    TestTokens token = currentToken();

    Identity identity = port(List.of(exchange())).validate(token.signed());

    assertThat(identity.kind()).isEqualTo(TokenKind.EXCHANGE_IDENTITY);
    assertThat(identity.uniqueID())
        .isEqualTo(ExchangeTokenValidator.uniqueId(AMURL, TestTokens.MSEXCHUID))
        .hasSize(43);
    assertThat(identity.claims().keySet())
        .containsExactly(
            "msexchuid",
            "amurl",
            "uniqueID",
            "aud",
            "iss",
            "x5t",
            "nbf",
            "exp",
            "version",
            "appctxsender",
            "isbrowserhostedapp");
    assertThat(identity.claims().get("amurl")).isEqualTo(AMURL);
  }

  @Test
  void rejectsEveryTokenWithoutTrustedSources() {
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class, () -> port(List.of()).validate(currentToken().signed()));

    assertThat(rejected.reason()).isEqualTo(Reason.UNTRUSTED_METADATA_URL);
  }

  @Test
  void aTokenWithoutAppctxIsNoExchangeToken() {
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () ->
                port(List.of(exchange()))
                    .validate(
                        TestTokens.base64url("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5t\":\"a\"}")
                            + "."
                            + TestTokens.base64url("{\"aud\":\"x\",\"iss\":\"y\"}")
                            + ".c2ln"));

    assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void refusesAPlainHttpTrustedMetadataUrl() {
    IllegalArgumentException refused =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () ->
                KeySource.at(
                    "http://mail.example.com/autodiscover/metadata/json/1",
                    TokenKind.EXCHANGE_IDENTITY,
                    "test",
                    location -> List.of()));

    assertThat(refused).hasMessageContaining("http://mail.example.com");
  }

  private static SigningKey keyOf(okhttp3.tls.HeldCertificate signer, String id) {
    return new SigningKey(id, null, null, null, 2048, (RSAPublicKey) signer.keyPair().getPublic());
  }

  /** The port as the container wires it: the cache in front, emptied by the key store. */
  private static TokenValidator cachedPort(
      SigningKeyStore store, Map<String, String> config, Clock clock) {
    TokenCache cache = new TokenCache(1000, Duration.ofMinutes(5), clock);
    store.invalidates(cache);
    ExchangeTokens exchange = new ExchangeTokens(MapConfig.configuration(config), store, clock);
    return new TokenValidator(List.of(exchange), cache, new Rejections(clock));
  }

  @Test
  void aKeyWithdrawnFromItsSourceStopsTheTokensItVerifiedAtOnce() {
    MovableClock clock = new MovableClock(TestTokens.NOW);
    String x5t = TestTokens.x5t(SIGNER.certificate());
    AtomicReference<List<SigningKey>> listed = new AtomicReference<>(List.of(keyOf(SIGNER, x5t)));
    SigningKeyStore store =
        new SigningKeyStore(
            List.of(KeySource.at(AMURL, TokenKind.EXCHANGE_IDENTITY, "test", l -> listed.get())),
            clock,
            Duration.ofSeconds(30),
            Duration.ofHours(1));
    TokenValidator port =
        cachedPort(store, Map.of("identitybridge.exchange.audiences", TestTokens.AUDIENCE), clock);
    String token = exchangeToken().signed();
    port.validate(token);
    port.validate(token);

    // The document now lists another certificate under the same thumbprint, then none at all.
    listed.set(List.of(keyOf(TestTokens.OTHER_SIGNER, x5t)));
    store.refreshNow();
    InvalidTokenException replaced =
        catchThrowableOfType(InvalidTokenException.class, () -> port.validate(token));
    listed.set(List.of(keyOf(TestTokens.OTHER_SIGNER, "another")));
    store.refreshNow();
    InvalidTokenException withdrawn =
        catchThrowableOfType(InvalidTokenException.class, () -> port.validate(token));

    assertThat(replaced.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(withdrawn.reason()).isEqualTo(Reason.UNKNOWN_SIGNING_KEY);
  }

  @Test
  void aFailedRefreshKeepsTheKeysAndTheVerifiedTokens() {
    MovableClock clock = new MovableClock(TestTokens.NOW);
    String x5t = TestTokens.x5t(SIGNER.certificate());
    AtomicReference<Boolean> up = new AtomicReference<>(true);
    SigningKeyStore store =
        new SigningKeyStore(
            List.of(
                KeySource.at(
                    AMURL,
                    TokenKind.EXCHANGE_IDENTITY,
                    "test",
                    l -> {
                      if (!up.get()) {
                        throw new dev.identitybridge.keys.control.KeySourceException("down");
                      }
                      return List.of(keyOf(SIGNER, x5t));
                    })),
            clock,
            Duration.ofSeconds(30),
            Duration.ofHours(1));
    TokenValidator port =
        cachedPort(store, Map.of("identitybridge.exchange.audiences", TestTokens.AUDIENCE), clock);
    String token = exchangeToken().signed();
    Identity first = port.validate(token);

    up.set(false);
    store.refreshNow();

    assertThat(port.validate(token)).isEqualTo(first);
  }

  @Test
  void aConfigurationChangeIsARestartWhichStartsWithAnEmptyCache() {
    MovableClock clock = new MovableClock(TestTokens.NOW);
    String token = exchangeToken().signed();
    SigningKeyStore store =
        new SigningKeyStore(
            List.of(exchange()), clock, Duration.ofSeconds(30), Duration.ofHours(1));
    cachedPort(store, Map.of("identitybridge.exchange.audiences", TestTokens.AUDIENCE), clock)
        .validate(token);

    // Sources, audiences and tenants are read once at start-up: a change means new beans.
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () ->
                cachedPort(
                        store,
                        Map.of("identitybridge.exchange.audiences", "https://other.example.com/"),
                        clock)
                    .validate(token));

    assertThat(rejected.reason()).isEqualTo(Reason.WRONG_AUDIENCE);
  }
}
