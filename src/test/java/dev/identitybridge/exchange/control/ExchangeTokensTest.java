package dev.identitybridge.exchange.control;

import static dev.identitybridge.exchange.control.TestTokens.AMURL;
import static dev.identitybridge.exchange.control.TestTokens.SIGNER;
import static dev.identitybridge.exchange.control.TestTokens.exchangeToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.TokenValidator;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
}
