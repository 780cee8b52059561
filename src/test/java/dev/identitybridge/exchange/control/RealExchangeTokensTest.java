package dev.identitybridge.exchange.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real tokens published in public code (fixtures/real-tokens-unverifiable.json). Their signing
 * certificates were never published, so the best they can do is pass every parsing step and stop at
 * the key: that proves the parser reads what Exchange really sends.
 */
class RealExchangeTokensTest {

  private final List<String> keyRequests = new ArrayList<>();

  static Stream<JsonObject> fixtures() throws Exception {
    try (InputStream in =
            RealExchangeTokensTest.class.getResourceAsStream(
                "/fixtures/real-tokens-unverifiable.json");
        JsonReader reader = Json.createReader(in)) {
      return reader.readObject().getJsonArray("tokens").getValuesAs(JsonObject.class).stream();
    }
  }

  static Stream<JsonObject> decodableTokens() throws Exception {
    return fixtures().filter(fixture -> fixture.get("header") instanceof JsonObject);
  }

  static Stream<JsonObject> corruptedTokens() throws Exception {
    return fixtures().filter(fixture -> !(fixture.get("header") instanceof JsonObject));
  }

  /** The token, or for a fixture whose signature was cut off, its header and payload unsigned. */
  private static String token(JsonObject fixture) {
    return fixture.get("token") instanceof JsonString token
        ? token.getString()
        : fixture.getString("header_b64") + "." + fixture.getString("payload_b64") + ".";
  }

  /** A validator that trusts the fixture's server and audience, at a time inside its lifetime. */
  private ExchangeTokenValidator validatorFor(JsonObject fixture, Optional<RSAPublicKey> key) {
    JsonObject payload = fixture.getJsonObject("payload");
    Instant duringLifetime =
        Instant.ofEpochSecond(payload.getJsonNumber("nbf").longValue()).plusSeconds(3600);
    return new ExchangeTokenValidator(
        new ExchangeTokenValidator.Settings(
            List.of(fixture.getJsonObject("appctx_parsed").getString("amurl")),
            List.of(payload.getString("aud")),
            Duration.ofMinutes(5)),
        (url, x5t) -> {
          keyRequests.add(url + " " + x5t);
          return key.map(rsa -> new SigningKey(x5t, null, null, null, 2048, rsa));
        },
        Clock.fixed(duringLifetime, ZoneOffset.UTC));
  }

  private static Reason rejection(ExchangeTokenValidator validator, String token) {
    return catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(token))
        .reason();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("decodableTokens")
  void passesEveryParsingStepAndStopsAtTheUnpublishedKey(JsonObject fixture) {
    Reason reason = rejection(validatorFor(fixture, Optional.empty()), token(fixture));

    assertThat(reason).isEqualTo(Reason.UNKNOWN_SIGNING_KEY);
    // Real amurls carry :443 and a lower-case host, so they are already in compared form.
    assertThat(keyRequests)
        .containsExactly(
            fixture.getJsonObject("appctx_parsed").getString("amurl")
                + " "
                + fixture.getJsonObject("header").getString("x5t"));
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("decodableTokens")
  void failsTheSignatureCheckWithAnotherKey(JsonObject fixture) {
    RSAPublicKey someKey = (RSAPublicKey) TestTokens.SIGNER.keyPair().getPublic();

    assertThat(rejection(validatorFor(fixture, Optional.of(someKey)), token(fixture)))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("fixtures")
  void derivesTheUniqueIdFromAmurlAndMsexchuid(JsonObject fixture) throws Exception {
    JsonObject appctx = fixture.getJsonObject("appctx_parsed");
    String amurl = appctx.getString("amurl");
    String msexchuid = appctx.getString("msexchuid");
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest((amurl + msexchuid).getBytes(UTF_8));

    assertThat(ExchangeTokenValidator.uniqueId(amurl, msexchuid))
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256))
        .hasSize(43);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("corruptedTokens")
  void rejectsATokenWithACorruptedHeaderAsMalformed(JsonObject fixture) {
    assertThat(rejection(validatorFor(fixture, Optional.empty()), token(fixture)))
        .isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(keyRequests).isEmpty();
  }
}
