package dev.identitybridge.exchange.control;

import static dev.identitybridge.exchange.control.TestTokens.AMURL;
import static dev.identitybridge.exchange.control.TestTokens.AUDIENCE;
import static dev.identitybridge.exchange.control.TestTokens.EXP;
import static dev.identitybridge.exchange.control.TestTokens.ISSUER;
import static dev.identitybridge.exchange.control.TestTokens.MSEXCHUID;
import static dev.identitybridge.exchange.control.TestTokens.NBF;
import static dev.identitybridge.exchange.control.TestTokens.NOW;
import static dev.identitybridge.exchange.control.TestTokens.OTHER_SIGNER;
import static dev.identitybridge.exchange.control.TestTokens.SIGNER;
import static dev.identitybridge.exchange.control.TestTokens.base64url;
import static dev.identitybridge.exchange.control.TestTokens.exchangeToken;
import static dev.identitybridge.exchange.control.TestTokens.kid;
import static dev.identitybridge.exchange.control.TestTokens.x5t;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.identitybridge.exchange.entity.ExchangeIdentity;
import dev.identitybridge.keys.control.KeysUnavailableException;
import dev.identitybridge.keys.control.SigningKeys;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExchangeTokenValidatorTest {

  static final String METADATA_URL = "https://mail.example.com:443/autodiscover/metadata/json/1";
  static final Duration SKEW = Duration.ofMinutes(5);

  /** Every call the validator made to its key source: "url x5t". */
  private final List<String> keyRequests = new CopyOnWriteArrayList<>();

  /** A key source that knows the certificates given. */
  private SigningKeys keysOf(HeldCertificate... certificates) {
    return (url, x5t) -> {
      keyRequests.add(url + " " + x5t);
      return Stream.of(certificates)
          .filter(held -> x5t(held.certificate()).equals(x5t))
          .map(
              held ->
                  new SigningKey(
                      x5t, null, null, null, 2048, (RSAPublicKey) held.keyPair().getPublic()))
          .findFirst();
    };
  }

  private ExchangeTokenValidator validator() {
    return validator(keysOf(SIGNER), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private ExchangeTokenValidator validator(Clock clock) {
    return validator(keysOf(SIGNER), clock);
  }

  private ExchangeTokenValidator validator(SigningKeys keys, Clock clock) {
    return new ExchangeTokenValidator(
        new ExchangeTokenValidator.Settings(List.of(AMURL), List.of(AUDIENCE), SKEW), keys, clock);
  }

  /** The reason the token is rejected for; also checks that the message does not echo it. */
  private static Reason rejection(ExchangeTokenValidator validator, String token) {
    InvalidTokenException rejected =
        catchThrowableOfType(InvalidTokenException.class, () -> validator.validate(token));
    assertThat(rejected).as("rejection of the token").isNotNull();
    assertThat(rejected.getMessage()).isNotBlank().endsWith(".");
    if (token != null && !token.isEmpty()) {
      assertThat(rejected.getMessage()).doesNotContain(token);
      for (String segment : token.split("\\.")) {
        if (segment.length() > 8) {
          assertThat(rejected.getMessage()).doesNotContain(segment);
        }
      }
    }
    return rejected.reason();
  }

  private Reason rejection(String token) {
    return rejection(validator(), token);
  }

  private static String sha256Base64Url(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  @Test
  void acceptsAGenuineTokenAndReturnsItsClaims() throws Exception {
    ExchangeIdentity identity = validator().validate(exchangeToken().signed());

    assertThat(identity.msexchuid()).isEqualTo(MSEXCHUID);
    assertThat(identity.amurl()).isEqualTo(AMURL);
    assertThat(identity.uniqueID()).isEqualTo(sha256Base64Url(AMURL + MSEXCHUID)).hasSize(43);
    assertThat(identity.aud()).isEqualTo(AUDIENCE);
    assertThat(identity.iss()).isEqualTo(ISSUER);
    assertThat(identity.appctxsender()).isEqualTo(ISSUER);
    assertThat(identity.realm()).isEqualTo("example.com");
    assertThat(identity.x5t()).isEqualTo(x5t(SIGNER.certificate()));
    assertThat(identity.nbf()).isEqualTo(NBF);
    assertThat(identity.exp()).isEqualTo(EXP);
    assertThat(identity.version()).isEqualTo("ExIdTok.V1");
    assertThat(identity.isbrowserhostedapp()).isTrue();
    assertThat(keyRequests).containsExactly(METADATA_URL + " " + x5t(SIGNER.certificate()));
  }

  @Test
  void acceptsATokenSignedWithJavaJwt() {
    String token =
        JWT.create()
            .withHeader(Map.of("typ", "JWT", "x5t", x5t(SIGNER.certificate())))
            .withPayload(
                Map.of(
                    "iss",
                    ISSUER,
                    "aud",
                    AUDIENCE,
                    "nbf",
                    NBF.getEpochSecond(),
                    "exp",
                    EXP.getEpochSecond(),
                    "appctxsender",
                    ISSUER,
                    "appctx",
                    "{\"msexchuid\":\""
                        + MSEXCHUID
                        + "\",\"version\":\"ExIdTok.V1\","
                        + "\"amurl\":\""
                        + AMURL
                        + "\"}"))
            .sign(Algorithm.RSA256(null, (RSAPrivateKey) SIGNER.keyPair().getPrivate()));

    assertThat(validator().validate(token).msexchuid()).isEqualTo(MSEXCHUID);
  }

  @Test
  void uniqueIdMatchesAValueComputedWithOpenssl() {
    // printf '%s' "$amurl$msexchuid" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_'
    assertThat(
            ExchangeTokenValidator.uniqueId(
                "https://mail.deepnetsecurity.com:443/autodiscover/metadata/json/1",
                "430a2c5c-7104-4b86-91d2-eab4e3f68120"))
        .isEqualTo("JbbPmNZNeFCK5RkFC6N7ccJUatZtMl2FpX2sR96cZis");
  }

  @Test
  void uniqueIdUsesAmurlExactlyAsTheTokenSpellsIt() throws Exception {
    String spelledDifferently = "https://MAIL.example.com/autodiscover/metadata/json/1";

    ExchangeIdentity identity =
        validator().validate(exchangeToken().appctx("amurl", spelledDifferently).signed());

    assertThat(identity.amurl()).isEqualTo(spelledDifferently);
    assertThat(identity.uniqueID())
        .isEqualTo(sha256Base64Url(spelledDifferently + MSEXCHUID))
        .isNotEqualTo(sha256Base64Url(AMURL + MSEXCHUID));
    assertThat(keyRequests).containsExactly(METADATA_URL + " " + x5t(SIGNER.certificate()));
  }

  // Step 1

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "abc.def",
        "a.b.c.d",
        "..",
        "ey!J.eyJ9.abc",
        "eyJ9=.eyJ9.abc",
        "eyJhbGciOiJSUzI1NiJ9 .eyJ9.abc",
        "e.eyJ9.abc"
      })
  void rejectsTokensThatAreNotThreeBase64UrlSegments(String token) {
    assertThat(rejection(token)).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void rejectsAMissingToken() {
    assertThat(rejection(null)).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  static Stream<Arguments> malformedHeaders() {
    String payload = exchangeToken().payloadSegment();
    return Stream.of(
        Arguments.of("not JSON", base64url("not json") + "." + payload + ".c2ln"),
        Arguments.of("a JSON array", base64url("[\"JWT\"]") + "." + payload + ".c2ln"),
        Arguments.of(
            "not UTF-8", base64url(new byte[] {'{', (byte) 0xC3, '}'}) + "." + payload + ".c2ln"),
        Arguments.of("no typ", exchangeToken().header("typ", null).signed()),
        Arguments.of("typ JWE", exchangeToken().header("typ", "JWE").signed()),
        Arguments.of("x5t too short", exchangeToken().header("x5t", "CJm8qtUsgjlUB7j0").signed()),
        Arguments.of("x5t a number", exchangeToken().header("x5t", 42).signed()),
        Arguments.of(
            "kid not hex",
            exchangeToken().header("x5t", null).header("kid", "not-a-thumbprint").signed()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedHeaders")
  void rejectsMalformedHeaders(String description, String token) {
    assertThat(rejection(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(keyRequests).isEmpty();
  }

  @Test
  void acceptsTypInAnyCase() {
    assertThat(validator().validate(exchangeToken().header("typ", "jwt").signed())).isNotNull();
  }

  @Test
  void rejectsTokensOver16KiBBeforeDecodingThem() {
    String tooLarge = "a".repeat(16 * 1024 + 1);

    assertThat(rejection(tooLarge)).isEqualTo(Reason.TOKEN_TOO_LARGE);
  }

  @Test
  void acceptsATokenOfExactly16KiB() {
    int signatureChars = 342; // an RSA-2048 signature in base64url
    TestTokens padded = null;
    int unpadded = exchangeToken().signed().length();
    int estimate = (16 * 1024 - unpadded) * 3 / 4;
    // base64url cannot reach every length, so the header is padded a little too.
    search:
    for (int padding = estimate - 20; padding < estimate + 20; padding++) {
      for (int headerPadding = 0; headerPadding < 3; headerPadding++) {
        TestTokens candidate =
            exchangeToken()
                .header("pad", "h".repeat(headerPadding))
                .claim("pad", "p".repeat(padding));
        int length =
            candidate.headerSegment().length()
                + candidate.payloadSegment().length()
                + 2
                + signatureChars;
        if (length == 16 * 1024) {
          padded = candidate;
          break search;
        }
      }
    }
    String token = padded.signed();
    assertThat(token).hasSize(16 * 1024);

    assertThat(validator().validate(token).msexchuid()).isEqualTo(MSEXCHUID);
  }

  static Stream<Arguments> otherAlgorithms() {
    RSAPrivateKey key = (RSAPrivateKey) SIGNER.keyPair().getPrivate();
    Map<String, Object> header = Map.of("typ", "JWT", "x5t", x5t(SIGNER.certificate()));
    Map<String, Object> claims = exchangeToken().payloadClaims();
    TestTokens genuine = exchangeToken();
    return Stream.of(
        Arguments.of(
            "none, no signature",
            base64url(
                    "{\"typ\":\"JWT\",\"alg\":\"none\",\"x5t\":\""
                        + x5t(SIGNER.certificate())
                        + "\"}")
                + "."
                + genuine.payloadSegment()
                + "."),
        Arguments.of("none, signed", exchangeToken().header("alg", "none").signed()),
        Arguments.of(
            "HS256 keyed with the public key",
            JWT.create()
                .withHeader(header)
                .withPayload(claims)
                .sign(Algorithm.HMAC256(SIGNER.keyPair().getPublic().getEncoded()))),
        Arguments.of(
            "RS384 by the right key",
            JWT.create().withHeader(header).withPayload(claims).sign(Algorithm.RSA384(null, key))),
        Arguments.of("rs256 in lower case", exchangeToken().header("alg", "rs256").signed()),
        Arguments.of("no alg", exchangeToken().header("alg", null).signed()),
        Arguments.of("alg a number", exchangeToken().header("alg", 256).signed()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherAlgorithms")
  void rejectsEveryAlgorithmButRs256(String description, String token) {
    assertThat(rejection(token)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(keyRequests).isEmpty();
  }

  @Test
  void rejectsAHeaderWithoutKeyId() {
    assertThat(rejection(exchangeToken().header("x5t", null).signed()))
        .isEqualTo(Reason.MISSING_KEY_ID);
  }

  @Test
  void fallsBackToKidConvertedToX5tForm() {
    String token =
        exchangeToken().header("x5t", null).header("kid", kid(SIGNER.certificate())).signed();

    ExchangeIdentity identity = validator().validate(token);

    assertThat(identity.x5t()).isEqualTo(x5t(SIGNER.certificate()));
    assertThat(keyRequests).containsExactly(METADATA_URL + " " + x5t(SIGNER.certificate()));
  }

  @Test
  void convertsARealExchangeOnlineKid() {
    // Both from one real header (OfficeDev/office-js#720): kid is x5t in upper-case hex.
    String token =
        exchangeToken()
            .header("x5t", null)
            .header("kid", "0600F9F674620737E73404E287C45A818CB7CEB8")
            .signed();

    assertThat(rejection(token)).isEqualTo(Reason.UNKNOWN_SIGNING_KEY);
    assertThat(keyRequests).containsExactly(METADATA_URL + " BgD59nRiBzfnNATih8RagYy3zrg");
  }

  @Test
  void prefersX5tOverKid() {
    String token = exchangeToken().header("kid", kid(OTHER_SIGNER.certificate())).signed();

    assertThat(validator().validate(token).x5t()).isEqualTo(x5t(SIGNER.certificate()));
  }

  // Step 2

  static Stream<Arguments> malformedClaims() {
    return Stream.<Arguments>of(
        claims("no aud", token -> token.claim("aud", null)),
        claims("aud a number", token -> token.claim("aud", 1)),
        claims("no iss", token -> token.claim("iss", null)),
        claims("no nbf", token -> token.claim("nbf", null)),
        claims("nbf a word", token -> token.claim("nbf", "soon")),
        claims("nbf a signed string", token -> token.claim("nbf", "-1584094379")),
        claims("nbf negative", token -> token.claim("nbf", -5)),
        claims("exp beyond year 9999", token -> token.claim("exp", 1e30)),
        claims("exp a boolean", token -> token.claim("exp", true)),
        claims("no appctx", TestTokens::withoutAppctx),
        claims("appctx not JSON", token -> token.claim("appctx", "{msexchuid")),
        claims("appctx a number", token -> token.claim("appctx", 42)),
        claims("appctx a JSON array", token -> token.claim("appctx", "[]")),
        claims("no amurl", token -> token.appctx("amurl", null)),
        claims("empty msexchuid", token -> token.appctx("msexchuid", "")),
        claims("no msexchuid", token -> token.appctx("msexchuid", null)));
  }

  private static Arguments claims(String description, UnaryOperator<TestTokens> change) {
    return Arguments.of(description, change.apply(exchangeToken()).signed());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedClaims")
  void rejectsMalformedClaims(String description, String token) {
    assertThat(rejection(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(keyRequests).isEmpty();
  }

  @Test
  void rejectsAPayloadThatIsNotJson() {
    String token = exchangeToken().headerSegment() + "." + base64url("{\"aud\":") + ".c2ln";

    assertThat(rejection(token)).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void acceptsNbfAndExpAsNumericStrings() {
    String token =
        exchangeToken()
            .claim("nbf", Long.toString(NBF.getEpochSecond()))
            .claim("exp", Long.toString(EXP.getEpochSecond()))
            .signed();

    ExchangeIdentity identity = validator().validate(token);

    assertThat(identity.nbf()).isEqualTo(NBF);
    assertThat(identity.exp()).isEqualTo(EXP);
  }

  @Test
  void acceptsAppctxAsAnObject() {
    ExchangeIdentity identity = validator().validate(exchangeToken().appctxAsObject().signed());

    assertThat(identity.msexchuid()).isEqualTo(MSEXCHUID);
    assertThat(identity.amurl()).isEqualTo(AMURL);
  }

  @Test
  void readsIsBrowserHostedAppInEitherSpelling() {
    assertThat(
            validator()
                .validate(exchangeToken().claim("isbrowserhostedapp", "true").signed())
                .isbrowserhostedapp())
        .isTrue();
    assertThat(
            validator()
                .validate(exchangeToken().claim("isbrowserhostedapp", null).signed())
                .isbrowserhostedapp())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ExIdTok.V2", "exidtok.v1", ""})
  void rejectsOtherVersions(String version) {
    assertThat(rejection(exchangeToken().appctx("version", version).signed()))
        .isEqualTo(Reason.WRONG_VERSION);
  }

  @Test
  void rejectsAMissingVersion() {
    assertThat(rejection(exchangeToken().appctx("version", null).signed()))
        .isEqualTo(Reason.WRONG_VERSION);
  }

  // Step 3

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example:443/autodiscover/metadata/json/1",
        "http://mail.example.com:443/autodiscover/metadata/json/1",
        "http://mail.example.com/autodiscover/metadata/json/1",
        "https://mail.example.com:444/autodiscover/metadata/json/1",
        "https://mail.example.com:443/autodiscover/metadata/json/2",
        "https://mail.example.com:443@evil.example/autodiscover/metadata/json/1",
        "https://mail.example.com.evil.example/autodiscover/metadata/json/1",
        "mail.example.com/autodiscover/metadata/json/1",
        "https://mail.example.com:443/autodiscover/metadata/json/1?x=1",
        "not a url"
      })
  void rejectsUntrustedMetadataUrlsWithoutAskingForKeys(String amurl) {
    assertThat(rejection(exchangeToken().appctx("amurl", amurl).signed()))
        .isEqualTo(Reason.UNTRUSTED_METADATA_URL);
    assertThat(keyRequests).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://mail.example.com/autodiscover/metadata/json/1",
        "https://MAIL.Example.COM:443/autodiscover/metadata/json/1",
        "HTTPS://mail.example.com/autodiscover/metadata/json/1#fragment"
      })
  void acceptsSpellingsOfATrustedMetadataUrl(String amurl) {
    validator().validate(exchangeToken().appctx("amurl", amurl).signed());

    assertThat(keyRequests).containsExactly(METADATA_URL + " " + x5t(SIGNER.certificate()));
  }

  @Test
  void rejectsEveryTokenWhenNoMetadataUrlIsTrusted() {
    ExchangeTokenValidator failClosed =
        new ExchangeTokenValidator(
            new ExchangeTokenValidator.Settings(List.of(), List.of(AUDIENCE), SKEW),
            keysOf(SIGNER),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(rejection(failClosed, exchangeToken().signed()))
        .isEqualTo(Reason.UNTRUSTED_METADATA_URL);
    assertThat(keyRequests).isEmpty();
  }

  // Step 4

  @Test
  void rejectsATokenWhoseKeyTheMetadataDoesNotList() {
    SigningKeys noKeys =
        (url, x5t) -> {
          keyRequests.add(url + " " + x5t);
          return Optional.empty();
        };

    assertThat(
            rejection(
                validator(noKeys, Clock.fixed(NOW, ZoneOffset.UTC)), exchangeToken().signed()))
        .isEqualTo(Reason.UNKNOWN_SIGNING_KEY);
    assertThat(keyRequests).hasSize(1);
  }

  @Test
  void reportsUnavailableMetadata() {
    SigningKeys unreachable =
        (url, x5t) -> {
          throw new KeysUnavailableException("mail.example.com refused the connection");
        };

    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () ->
                validator(unreachable, Clock.fixed(NOW, ZoneOffset.UTC))
                    .validate(exchangeToken().signed()));

    assertThat(rejected.reason()).isEqualTo(Reason.METADATA_UNAVAILABLE);
    assertThat(rejected.reason().code()).isEqualTo("metadata_unavailable");
    assertThat(rejected.getMessage()).doesNotContain("refused");
  }

  // Step 5

  @Test
  void rejectsATokenSignedByAnotherKey() {
    String token = exchangeToken().signedBy(OTHER_SIGNER.keyPair().getPrivate());

    assertThat(rejection(token)).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsATokenWhosePayloadWasChanged() {
    String genuine = exchangeToken().signed();
    String otherPayload = exchangeToken().appctx("msexchuid", "someone-else").payloadSegment();
    String[] parts = genuine.split("\\.");

    assertThat(rejection(parts[0] + "." + otherPayload + "." + parts[2]))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "AAAA", "c2lnbmF0dXJl"})
  void rejectsMissingOrShortSignatures(String signature) {
    TestTokens token = exchangeToken();
    String unsigned = token.headerSegment() + "." + token.payloadSegment() + "." + signature;

    assertThat(rejection(unsigned)).isEqualTo(Reason.BAD_SIGNATURE);
  }

  // Step 6

  @Test
  void acceptsATokenUpToTheSkewAfterExpiry() {
    Clock atLimit = Clock.fixed(EXP.plus(SKEW), ZoneOffset.UTC);

    assertThat(validator(atLimit).validate(exchangeToken().signed())).isNotNull();
  }

  @Test
  void rejectsATokenPastExpiryAndSkew() {
    Clock justAfter = Clock.fixed(EXP.plus(SKEW).plusSeconds(1), ZoneOffset.UTC);

    assertThat(rejection(validator(justAfter), exchangeToken().signed()))
        .isEqualTo(Reason.TOKEN_EXPIRED);
  }

  @Test
  void acceptsATokenFromTheSkewBeforeNotBefore() {
    Clock atLimit = Clock.fixed(NBF.minus(SKEW), ZoneOffset.UTC);

    assertThat(validator(atLimit).validate(exchangeToken().signed())).isNotNull();
  }

  @Test
  void rejectsATokenBeforeNotBeforeAndSkew() {
    Clock justBefore = Clock.fixed(NBF.minus(SKEW).minusSeconds(1), ZoneOffset.UTC);

    assertThat(rejection(validator(justBefore), exchangeToken().signed()))
        .isEqualTo(Reason.TOKEN_NOT_YET_VALID);
  }

  // Step 7

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://addin.example.com/addin/taskpane.html?et=AbC123%2Bx",
        "https://addin.example.com:443/addin/taskpane.html",
        "https://ADDIN.example.com/addin/taskpane.html",
        "https://addin.example.com/addin/taskpane.html#read"
      })
  void acceptsTheConfiguredAudienceWithAnyQuery(String aud) {
    assertThat(validator().validate(exchangeToken().claim("aud", aud).signed()).aud())
        .isEqualTo(aud);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://addin.example.com/addin/other.html",
        "https://addin.example.com/Addin/taskpane.html",
        "https://addin.example.com/addin/taskpane.html/",
        "http://addin.example.com/addin/taskpane.html",
        "https://addin.example.com:8443/addin/taskpane.html",
        "https://evil.example/addin/taskpane.html",
        "https://evil.example/addin/taskpane.html?https://addin.example.com/addin/taskpane.html",
        "taskpane.html"
      })
  void rejectsOtherAudiences(String aud) {
    assertThat(rejection(exchangeToken().claim("aud", aud).signed()))
        .isEqualTo(Reason.WRONG_AUDIENCE);
  }

  // Step 8

  static Stream<Arguments> otherIssuers() {
    return Stream.<Arguments>of(
        claims(
            "iss another principal",
            token -> token.claim("iss", "00000003-0000-0ff1-ce00-000000000000@example.com")),
        claims(
            "iss without realm",
            token -> token.claim("iss", "00000002-0000-0ff1-ce00-000000000000@")),
        claims("iss a URL", token -> token.claim("iss", "https://sts.windows.net/example/")),
        claims("appctxsender another principal", token -> token.claim("appctxsender", "x@y")),
        claims("no appctxsender", token -> token.claim("appctxsender", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherIssuers")
  void rejectsTokensNotIssuedByExchange(String description, String token) {
    assertThat(rejection(token)).isEqualTo(Reason.WRONG_ISSUER);
  }

  /** A key source whose metadata document names this issuer, as MetadataDocumentParser reads it. */
  private static SigningKeys keysWithIssuer(String issuer) {
    return (url, x5t) ->
        Optional.of(
            new SigningKey(
                x5t, null, null, null, 2048, (RSAPublicKey) SIGNER.keyPair().getPublic(), issuer));
  }

  @Test
  void holdsTheRealmToTheOneTheMetadataDocumentNames() {
    Clock now = Clock.fixed(NOW, ZoneOffset.UTC);
    String token = exchangeToken().signed();

    assertThat(
            rejection(
                validator(
                    keysWithIssuer("00000002-0000-0ff1-ce00-000000000000@fabrikam.example"), now),
                token))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(
            validator(keysWithIssuer(ISSUER.toUpperCase(Locale.ROOT)), now).validate(token).realm())
        .isEqualTo("example.com");
    assertThat(
            validator(keysWithIssuer("00000002-0000-0ff1-ce00-000000000000@*"), now)
                .validate(token)
                .realm())
        .isEqualTo("example.com");
  }

  // Order

  @Test
  void checksInTheDocumentedOrder() {
    Clock late = Clock.fixed(EXP.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    assertThat(
            rejection(
                exchangeToken()
                    .appctx("version", "V2")
                    .appctx("amurl", "https://evil.example/")
                    .signed()))
        .as("version before metadata URL")
        .isEqualTo(Reason.WRONG_VERSION);
    assertThat(
            rejection(
                exchangeToken()
                    .appctx("amurl", "https://evil.example/")
                    .signedBy(OTHER_SIGNER.keyPair().getPrivate())))
        .as("metadata URL before signature")
        .isEqualTo(Reason.UNTRUSTED_METADATA_URL);
    assertThat(
            rejection(
                exchangeToken()
                    .claim("aud", "https://evil.example/")
                    .signedBy(OTHER_SIGNER.keyPair().getPrivate())))
        .as("signature before audience")
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(
            rejection(
                validator(late), exchangeToken().claim("aud", "https://evil.example/").signed()))
        .as("time before audience")
        .isEqualTo(Reason.TOKEN_EXPIRED);
    assertThat(
            rejection(
                exchangeToken()
                    .claim("aud", "https://evil.example/")
                    .claim("iss", "someone@else")
                    .signed()))
        .as("audience before issuer")
        .isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void refusesUnusableSettings() {
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () ->
                    new ExchangeTokenValidator(
                        new ExchangeTokenValidator.Settings(
                            List.of("http://mail.example.com/autodiscover/metadata/json/1"),
                            List.of(AUDIENCE),
                            SKEW),
                        keysOf(SIGNER),
                        Clock.systemUTC())))
        .hasMessageContaining("http://mail.example.com");
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () ->
                    new ExchangeTokenValidator.Settings(
                        List.of(AMURL), List.of(AUDIENCE), Duration.ofSeconds(-1))))
        .isNotNull();
  }

  @Test
  void reasonCodesAreTheDocumentedStrings() {
    assertThat(Stream.of(Reason.values()).map(Reason::code))
        .containsExactly(
            "malformed_token",
            "token_too_large",
            "unsupported_algorithm",
            "missing_key_id",
            "wrong_version",
            "untrusted_metadata_url",
            "metadata_unavailable",
            "unknown_signing_key",
            "bad_signature",
            "token_expired",
            "token_not_yet_valid",
            "wrong_audience",
            "wrong_issuer",
            "tenant_not_allowed",
            "client_app_not_allowed",
            "missing_scope");
  }

  @Test
  void instantsComeFromTheInjectedClock() {
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");

    assertThat(rejection(validator(Clock.fixed(longAgo, ZoneOffset.UTC)), exchangeToken().signed()))
        .isEqualTo(Reason.TOKEN_NOT_YET_VALID);
  }
}
