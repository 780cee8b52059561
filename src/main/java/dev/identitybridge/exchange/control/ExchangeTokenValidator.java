package dev.identitybridge.exchange.control;

import static java.util.stream.Collectors.toUnmodifiableSet;

import dev.identitybridge.config.entity.NormalizedUrl;
import dev.identitybridge.exchange.entity.ExchangeIdentity;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.KeysUnavailableException;
import dev.identitybridge.keys.control.SigningKeys;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.Rs256;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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

  /** Exchange's service principal and the @ that starts {@code iss} and {@code appctxsender}. */
  static final String EXCHANGE_PRINCIPAL = "00000002-0000-0ff1-ce00-000000000000@";

  static final String TOKEN_VERSION = "ExIdTok.V1";

  // 9999-12-31T23:59:59Z: later times are nonsense and would overflow the skew arithmetic.
  private static final BigDecimal LATEST_SECOND = BigDecimal.valueOf(253_402_300_799L);
  private static final Pattern DECIMAL_SECONDS = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX_SHA1 = Pattern.compile("[0-9A-Fa-f]{40}");
  private static final int SHA1_BASE64URL_CHARS = 27;
  private static final Base64.Encoder BASE64URL_UNPADDED = Base64.getUrlEncoder().withoutPadding();

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

  /**
   * @throws IllegalArgumentException when a trusted metadata URL is not https or an audience is not
   *     an http(s) URL
   */
  public ExchangeTokenValidator(Settings settings, SigningKeys signingKeys, Clock clock) {
    this.trustedMetadataUrls =
        settings.trustedMetadataUrls().stream()
            .map(KeySource::httpsUrl)
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
  }

  /** Whether a token is an Exchange identity token: it carries Exchange's {@code appctx} claim. */
  public static boolean recognises(CompactToken token) {
    return token.payload().containsKey("appctx");
  }

  /**
   * @return the token's claims when every check passed
   * @throws InvalidTokenException with the reason of the first check that failed
   */
  public ExchangeIdentity validate(String token) {
    return validate(CompactToken.parse(token));
  }

  /**
   * @return the token's claims when every check after the structural ones passed
   * @throws InvalidTokenException with the reason of the first check that failed
   */
  public ExchangeIdentity validate(CompactToken token) {
    String x5t = keyId(token.header());
    Claims claims = claims(token.payload());
    String metadataUrl = trustedMetadataUrlOf(claims.amurl());
    SigningKey key = signingKey(metadataUrl, x5t);
    if (!Rs256.verifies(key.publicKey(), token)) {
      throw new InvalidTokenException(
          Reason.BAD_SIGNATURE,
          "The token's signature does not match its Exchange server's signing certificate.");
    }
    checkLifetime(claims);
    checkAudience(claims.aud());
    checkIssuer(claims, key.issuer());
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
    return Identity.uniqueIdOf(amurl + msexchuid);
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
          && CompactToken.isBase64Url(text.getString())) {
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
  private static Claims claims(JsonObject payload) {
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

  private static JsonObject appctx(JsonObject payload) {
    JsonValue appctx = payload.get("appctx");
    if (appctx instanceof JsonObject object) {
      return object;
    }
    if (appctx instanceof JsonString text) {
      // Real tokens carry appctx as a string that holds JSON.
      return CompactToken.jsonObject(text.getString(), "appctx claim");
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

  // Step 3: only a trusted metadata URL may ever reach the key source.
  private String trustedMetadataUrlOf(String amurl) {
    if (trustedMetadataUrls.contains(amurl)) {
      // Already in the compared form, as Exchange writes it: parsing it would give the same text.
      return amurl;
    }
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
  private SigningKey signingKey(String metadataUrl, String x5t) {
    try {
      return signingKeys
          .find(metadataUrl, x5t)
          .orElseThrow(
              () ->
                  new InvalidTokenException(
                      Reason.UNKNOWN_SIGNING_KEY,
                      "The token's signing certificate is not listed by its Exchange server."));
    } catch (KeysUnavailableException e) {
      throw new InvalidTokenException(
          Reason.METADATA_UNAVAILABLE,
          "The signing certificates of the token's Exchange server cannot be loaded right now.");
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
        audiences.contains(aud)
            || NormalizedUrl.parse(aud)
                .map(NormalizedUrl::withoutQuery)
                .filter(audiences::contains)
                .isPresent();
    if (!accepted) {
      throw new InvalidTokenException(
          Reason.WRONG_AUDIENCE, "The token was issued for another add-in (aud).");
    }
  }

  // Step 8. The realm after the @ is what a link stores: when the metadata document names one
  // (its issuer is not "…@*"), a token from that document must be issued for exactly that realm.
  private static void checkIssuer(Claims claims, String documentIssuer) {
    boolean exchange =
        claims.iss().startsWith(EXCHANGE_PRINCIPAL)
            && claims.iss().length() > EXCHANGE_PRINCIPAL.length()
            && claims.appctxsender() != null
            && claims.appctxsender().startsWith(EXCHANGE_PRINCIPAL);
    if (!exchange) {
      throw new InvalidTokenException(Reason.WRONG_ISSUER, "The token was not issued by Exchange.");
    }
    boolean anyRealm = documentIssuer == null || documentIssuer.endsWith("@*");
    if (!anyRealm && !claims.iss().equalsIgnoreCase(documentIssuer)) {
      throw new InvalidTokenException(
          Reason.WRONG_ISSUER,
          "The token's issuer is not the one its Exchange server's metadata document names.");
    }
  }

  private static InvalidTokenException malformed(String message) {
    return new InvalidTokenException(Reason.MALFORMED_TOKEN, message);
  }
}
