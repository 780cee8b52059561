package dev.identitybridge.token.control;

import static dev.identitybridge.token.control.TestTokens.AMURL;
import static dev.identitybridge.token.control.TestTokens.SIGNER;
import static dev.identitybridge.token.control.TestTokens.exchangeToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.token.control.InvalidTokenException.Reason;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configured bean, built as the container builds it but without one. */
class ExchangeTokensTest {

  private static final SigningKeys SIGNER_KEY =
      (url, x5t) -> Optional.of((RSAPublicKey) SIGNER.keyPair().getPublic());

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
            SIGNER_KEY);

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
            SIGNER_KEY);

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
                    SIGNER_KEY));

    assertThat(refused).hasMessageContaining("http://mail.example.com");
  }
}
