package dev.identitybridge.token.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.toUnmodifiableSet;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.ExchangeIdentity;
import dev.identitybridge.token.entity.NormalizedUrl;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proves an Exchange identity token genuine and returns its claims, in the nine steps of DESIGN.md
 * and in their order: nothing reaches the key source before the token's metadata URL passed the
 * trusted list. Thread-safe; build one and share it.
 */
public final class ExchangeTokenValidator {

  /**
   * What the validator accepts.
   *
   * @param trustedMetadataUrls https metadata URLs trusted as signers; none means every token fails
   * @param audiences accepted {@code aud} URLs; their query strings are ignored
   * @param clockSkew how far this server's clock may be off the Exchange server's
   */
  public record Settings(
      List<String> trustedMetadataUrls, List<String> audiences, Duration clockSkew) {

    public Settings {
      trustedMetadataUrls = List.copyOf(trustedMetadataUrls);
      audiences = List.copyOf(audiences);
      Objects.requireNonNull(clockSkew, "clockSkew");
      if (clockSkew.isNegative()) {
        throw new IllegalArgumentException("The clock skew must not be negative: " + clockSkew);
      }
    }
  }

  /** Longer tokens are refused before anything is decoded. */
  public static final int MAX_TOKEN_CHARS = 16 * 1024;

  /** Exchange's service principal and the @ that starts {@code iss} and {@code appctxsender}. */
  static final String EXCHANGE_PRINCIPAL = "00000002-0000-0ff1-ce00-000000000000@";

  static final String TOKEN_VERSION = "ExIdTok.V1";

  // 9999-12-31T23:59:59Z: later times are nonsense and would overflow the skew arithmetic.
  private static final BigDecimal LATEST_SECOND = BigDecimal.valueOf(253_402_300_799L);
  private static final Pattern DECIMAL_SECONDS = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX_SHA1 = Pattern.compile("[0-9A-Fa-f]{40}");
  private static final int SHA1_BASE64URL_CHARS = 27;
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
  private static final Base64.Encoder BASE64URL_UNPADDED = Base64.getUrlEncoder().withoutPadding();

  private record Segments(String header, String payload, String signature) {}

  private record Claims(
      String aud,
      String iss,
      Instant nbf,
      Instant exp,
      String version,
      String amurl,
      String msexchuid,
      String appctxsender,
      boolean isbrowserhostedapp) {}

  private final Set<String> trustedMetadataUrls;
  private final Set<String> audiences;
  private final Duration clockSkew;
  private final SigningKeys signingKeys;
  private final Clock clock;
  private final JsonReaderFactory json;

  /**
   * @throws IllegalArgumentException when a trusted metadata URL is not https or an audience is not
   *     an http(s) URL
   */
  public ExchangeTokenValidator(Settings settings, SigningKeys signingKeys, Clock clock) {
    this.trustedMetadataUrls =
        settings.trustedMetadataUrls().stream()
            .map(ExchangeTokenValidator::trustedMetadataUrl)
            .map(NormalizedUrl::text)
            .collect(toUnmodifiableSet());
    this.audiences =
        settings.audiences().stream()
            .map(
                audience ->
                    NormalizedUrl.parse(audience)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "Not an http(s) URL, so it cannot be an audience: "
                                        + audience)))
            .map(NormalizedUrl::withoutQuery)
            .collect(toUnmodifiableSet());
    this.clockSkew = settings.clockSkew();
    this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
    // Looked up once: JsonProvider.provider() searches the class path on every call.
    this.json = JsonProvider.provider().createReaderFactory(Map.of());
  }

  /**
   * The checked configuration form of a trusted metadata URL, as {@link SigningKeys} receives it.
   *
   * @throws IllegalArgumentException when it is not an https URL
   */
  public static NormalizedUrl trustedMetadataUrl(String url) {
    return NormalizedUrl.parse(url)
        .filter(NormalizedUrl::isHttps)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Not an https URL, so it cannot be a trusted metadata URL: " + url));
  }

  /**
   * @return the token's claims when every check passed
   * @throws InvalidTokenException with the reason of the first check that failed
   */
  public ExchangeIdentity validate(String token) {
    Segments segments = split(token);
    String x5t = keyId(jsonObject(decode(segments.header()), "header"));
    Claims claims = claims(jsonObject(decode(segments.payload()), "payload"));
    String metadataUrl = trustedMetadataUrlOf(claims.amurl());
    RSAPublicKey key = signingKey(metadataUrl, x5t);
    verifySignature(token, segments, key);
    checkLifetime(claims);
    checkAudience(claims.aud());
    checkIssuer(claims);
    return new ExchangeIdentity(
        claims.msexchuid(),
        claims.amurl(),
        uniqueId(claims.amurl(), claims.msexchuid()),
        claims.aud(),
        claims.iss(),
        x5t,
        claims.nbf(),
        claims.exp(),
        claims.version(),
        claims.appctxsender(),
        claims.isbrowserhostedapp(),
        claims.iss().substring(EXCHANGE_PRINCIPAL.length()));
  }

  /** base64url-without-padding(SHA-256(UTF-8(amurl + msexchuid))): 43 characters. */
  public static String uniqueId(String amurl, String msexchuid) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return BASE64URL_UNPADDED.encodeToString(sha256.digest((amurl + msexchuid).getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  // Step 1: size and shape.
  private static Segments split(String token) {
    if (token == null || token.isEmpty()) {
      throw malformed("No token was sent.");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidTokenException(Reason.TOKEN_TOO_LARGE, "The token is longer than 16 KiB.");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw malformed("The token does not consist of three segments separated by dots.");
    }
    Segments segments =
        new Segments(
            token.substring(0, first),
            token.substring(first + 1, second),
            token.substring(second + 1));
    // An empty signature passes here, so that alg none is reported as such and not as malformed.
    if (!isBase64Url(segments.header())
        || !isBase64Url(segments.payload())
        || !(segments.signature().isEmpty() || isBase64Url(segments.signature()))) {
      throw malformed("A segment of the token is not base64url.");
    }
    return segments;
  }

  /** Unpadded base64url that {@link Base64#getUrlDecoder()} can decode. */
  private static boolean isBase64Url(String segment) {
    if (segment.isEmpty() || segment.length() % 4 == 1) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!alphabet) {
        return false;
      }
    }
    return true;
  }

  private static byte[] decode(String segment) {
    return BASE64URL.decode(segment);
  }

  // Step 1: the header; returns the signing certificate's thumbprint in x5t form.
  private static String keyId(JsonObject header) {
    if (!(header.get("typ") instanceof JsonString typ && typ.getString().equalsIgnoreCase("JWT"))) {
      throw malformed("The token's header does not declare typ JWT.");
    }
    if (!(header.get("alg") instanceof JsonString alg && alg.getString().equals("RS256"))) {
      throw new InvalidTokenException(
          Reason.UNSUPPORTED_ALGORITHM,
          "The token is not signed with RS256, the only algorithm Exchange uses.");
    }
    JsonValue x5t = header.get("x5t");
    if (x5t != null) {
      if (x5t instanceof JsonString text
          && text.getString().length() == SHA1_BASE64URL_CHARS
          && isBase64Url(text.getString())) {
        return text.getString();
      }
      throw malformed("The token's x5t header is not a SHA-1 thumbprint.");
    }
    // Exchange Online sends kid beside x5t: the same SHA-1, in upper-case hex.
    JsonValue kid = header.get("kid");
    if (kid != null) {
      if (kid instanceof JsonString text && HEX_SHA1.matcher(text.getString()).matches()) {
        return BASE64URL_UNPADDED.encodeToString(HexFormat.of().parseHex(text.getString()));
      }
      throw malformed("The token's kid header is not a SHA-1 thumbprint in hex.");
    }
    throw new InvalidTokenException(
        Reason.MISSING_KEY_ID, "The token's header names no signing certificate (x5t or kid).");
  }

  // Step 2: the claims.
  private Claims claims(JsonObject payload) {
    String aud = requiredString(payload, "aud");
    String iss = requiredString(payload, "iss");
    Instant nbf = epochSeconds(payload, "nbf");
    Instant exp = epochSeconds(payload, "exp");
    JsonObject appctx = appctx(payload);
    if (!(appctx.get("version") instanceof JsonString version
        && version.getString().equals(TOKEN_VERSION))) {
      throw new InvalidTokenException(
          Reason.WRONG_VERSION,
          "The token is not an Exchange identity token of version ExIdTok.V1.");
    }
    return new Claims(
        aud,
        iss,
        nbf,
        exp,
        TOKEN_VERSION,
        requiredString(appctx, "amurl"),
        requiredString(appctx, "msexchuid"),
        payload.get("appctxsender") instanceof JsonString sender ? sender.getString() : null,
        isTrue(payload.get("isbrowserhostedapp")));
  }

  private JsonObject appctx(JsonObject payload) {
    JsonValue appctx = payload.get("appctx");
    if (appctx instanceof JsonObject object) {
      return object;
    }
    if (appctx instanceof JsonString text) {
      // Real tokens carry appctx as a string that holds JSON.
      return jsonObject(text.getString(), "appctx claim");
    }
    throw malformed("The token has no appctx claim.");
  }

  private static String requiredString(JsonObject object, String name) {
    if (object.get(name) instanceof JsonString text && !text.getString().isEmpty()) {
      return text.getString();
    }
    throw malformed("The token's " + name + " claim is missing or not a string.");
  }

  /** A JSON number, or a string of digits as in Exchange's documentation. */
  private static Instant epochSeconds(JsonObject payload, String name) {
    JsonValue value = payload.get(name);
    BigDecimal seconds = null;
    if (value instanceof JsonNumber number) {
      seconds = number.bigDecimalValue();
    } else if (value instanceof JsonString text
        && DECIMAL_SECONDS.matcher(text.getString()).matches()) {
      seconds = new BigDecimal(text.getString());
    }
    if (seconds == null || seconds.signum() < 0 || seconds.compareTo(LATEST_SECOND) > 0) {
      throw malformed("The token's " + name + " claim is not a time in seconds.");
    }
    return Instant.ofEpochSecond(seconds.longValue());
  }

  private static boolean isTrue(JsonValue value) {
    return value == JsonValue.TRUE
        || (value instanceof JsonString text && text.getString().equalsIgnoreCase("true"));
  }

  private JsonObject jsonObject(byte[] utf8, String part) {
    try {
      return jsonObject(UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString(), part);
    } catch (CharacterCodingException e) {
      throw malformed("The token's " + part + " is not UTF-8 text.");
    }
  }

  private JsonObject jsonObject(String text, String part) {
    try (JsonReader reader = json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException e) {
      throw malformed("The token's " + part + " is not a JSON object.");
    }
  }

  // Step 3: only a trusted metadata URL may ever reach the key source.
  private String trustedMetadataUrlOf(String amurl) {
    return NormalizedUrl.parse(amurl)
        .filter(NormalizedUrl::isHttps)
        .map(NormalizedUrl::text)
        .filter(trustedMetadataUrls::contains)
        .orElseThrow(
            () ->
                new InvalidTokenException(
                    Reason.UNTRUSTED_METADATA_URL,
                    trustedMetadataUrls.isEmpty()
                        ? "This server trusts no Exchange server yet, so it accepts no Exchange"
                            + " identity token."
                        : "The token names a metadata URL (amurl) that this server does not"
                            + " trust."));
  }

  // Step 4.
  private RSAPublicKey signingKey(String metadataUrl, String x5t) {
    try {
      return signingKeys
          .find(metadataUrl, x5t)
          .orElseThrow(
              () ->
                  new InvalidTokenException(
                      Reason.UNKNOWN_SIGNING_KEY,
                      "The token's signing certificate is not listed by its Exchange server."));
    } catch (MetadataUnavailableException e) {
      throw new InvalidTokenException(
          Reason.METADATA_UNAVAILABLE,
          "The signing certificates of the token's Exchange server cannot be loaded right now.");
    }
  }

  // Step 5.
  private static void verifySignature(String token, Segments segments, RSAPublicKey key) {
    try {
      Algorithm.RSA256(key, null)
          .verify(
              new SignedSegments(
                  token, segments.header(), segments.payload(), segments.signature()));
    } catch (SignatureVerificationException | IllegalArgumentException e) {
      throw new InvalidTokenException(
          Reason.BAD_SIGNATURE,
          "The token's signature does not match its Exchange server's signing certificate.");
    }
  }

  // Step 6.
  private void checkLifetime(Claims claims) {
    Instant now = clock.instant();
    if (now.isBefore(claims.nbf().minus(clockSkew))) {
      throw new InvalidTokenException(
          Reason.TOKEN_NOT_YET_VALID,
          "The token is not valid yet; the clocks of this server and Exchange may differ.");
    }
    if (now.isAfter(claims.exp().plus(clockSkew))) {
      throw new InvalidTokenException(
          Reason.TOKEN_EXPIRED, "The token has expired; the add-in should ask for a new one.");
    }
  }

  // Step 7: Outlook may append ?et=... to the add-in's URL.
  private void checkAudience(String aud) {
    boolean accepted =
        NormalizedUrl.parse(aud)
            .map(NormalizedUrl::withoutQuery)
            .filter(audiences::contains)
            .isPresent();
    if (!accepted) {
      throw new InvalidTokenException(
          Reason.WRONG_AUDIENCE, "The token was issued for another add-in (aud).");
    }
  }

  // Step 8.
  private static void checkIssuer(Claims claims) {
    boolean exchange =
        claims.iss().startsWith(EXCHANGE_PRINCIPAL)
            && claims.iss().length() > EXCHANGE_PRINCIPAL.length()
            && claims.appctxsender() != null
            && claims.appctxsender().startsWith(EXCHANGE_PRINCIPAL);
    if (!exchange) {
      throw new InvalidTokenException(Reason.WRONG_ISSUER, "The token was not issued by Exchange.");
    }
  }

  private static InvalidTokenException malformed(String message) {
    return new InvalidTokenException(Reason.MALFORMED_TOKEN, message);
  }
}
