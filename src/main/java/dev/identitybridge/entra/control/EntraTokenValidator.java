package dev.identitybridge.entra.control;

import dev.identitybridge.keys.control.KeysUnavailableException;
import dev.identitybridge.keys.control.SigningKeys;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.Rs256;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Proves an Entra ID access token genuine and meant for this add-in's API, in the eleven steps of
 * DESIGN.md and in their order. The user is {@code tid} + {@code oid}; mutable names ({@code
 * email}, {@code upn}, {@code preferred_username}, {@code unique_name}) are shown, never trusted.
 * Thread-safe; build one and share it.
 */
public final class EntraTokenValidator {

  /**
   * What the validator accepts.
   *
   * @param keySources the ids of the key sources whose keys may sign Entra tokens
   * @param pinningSources those of them whose keys may admit the one tenant they pin, though it is
   *     not on the allowed list: pretend issuers inside this server, never Entra's own JWKS
   * @param allowedTenants tenant ids whose users are accepted; none means only tenants pinned by a
   *     signing key (see {@link #validate(CompactToken)})
   * @param allowAnyTenant every tenant is accepted, explicitly (multi-tenant SaaS)
   * @param audiences accepted {@code aud} values, compared exactly
   * @param allowedClientApps accepted {@code azp} (v2) / {@code appid} (v1)
   * @param requiredScope the delegated scope {@code scp} must contain
   * @param clockSkew how far this server's clock may be off Entra's
   */
  public record Settings(
      List<String> keySources,
      List<String> pinningSources,
      List<String> allowedTenants,
      boolean allowAnyTenant,
      List<String> audiences,
      List<String> allowedClientApps,
      String requiredScope,
      Duration clockSkew) {

    public Settings {
      keySources = List.copyOf(keySources);
      pinningSources = List.copyOf(pinningSources);
      if (!keySources.containsAll(pinningSources)) {
        throw new IllegalArgumentException(
            "Pinning sources must be key sources: " + pinningSources);
      }
      allowedTenants =
          allowedTenants.stream().map(tenant -> tenant.toLowerCase(Locale.ROOT)).toList();
      audiences = List.copyOf(audiences);
      allowedClientApps = List.copyOf(allowedClientApps);
      Objects.requireNonNull(requiredScope, "requiredScope");
      Objects.requireNonNull(clockSkew, "clockSkew");
      if (clockSkew.isNegative()) {
        throw new IllegalArgumentException("The clock skew must not be negative: " + clockSkew);
      }
    }
  }

  /** The literal that Entra's JWKS puts in each key's {@code issuer} in place of the tenant. */
  static final String TENANT_PLACEHOLDER = "{tenantid}";

  /** Where the hyphens of a GUID are: 8-4-4-4-12 hex digits. */
  private static final int[] GUID_HYPHENS = {8, 13, 18, 23};

  private static final int GUID_CHARS = 36;

  // 9999-12-31T23:59:59Z: later times are nonsense and would overflow the skew arithmetic.
  private static final BigDecimal LATEST_SECOND = BigDecimal.valueOf(253_402_300_799L);

  private record Claims(
      String version,
      String tid,
      String oid,
      String iss,
      String aud,
      Instant nbf,
      Instant exp,
      String clientApp,
      String scp) {}

  private final Settings settings;
  private final Set<String> allowedTenants;
  private final Set<String> audiences;
  private final Set<String> allowedClientApps;
  private final SigningKeys signingKeys;
  private final Clock clock;

  public EntraTokenValidator(Settings settings, SigningKeys signingKeys, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.allowedTenants = Set.copyOf(settings.allowedTenants());
    this.audiences = Set.copyOf(settings.audiences());
    this.allowedClientApps = Set.copyOf(settings.allowedClientApps());
    this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether a token is an Entra ID access token, from its shape: a {@code kid} header, {@code tid}
   * and {@code ver} claims, and no Exchange {@code appctx}.
   */
  public static boolean recognises(CompactToken token) {
    return token.header().containsKey("kid")
        && token.payload().containsKey("tid")
        && token.payload().containsKey("ver")
        && !token.payload().containsKey("appctx");
  }

  /** base64url-without-padding(SHA-256(UTF-8(tid + ":" + oid))): 43 characters. */
  public static String uniqueId(String tid, String oid) {
    return Identity.uniqueIdOf(tid + ":" + oid);
  }

  /**
   * {@code https://login.microsoftonline.com/{tid}/v2.0}: the issuer of v2 tokens and JWKS keys.
   */
  public static String v2Issuer(String tid) {
    return "https://login.microsoftonline.com/" + tid + "/v2.0";
  }

  /** {@code https://sts.windows.net/{tid}/}: the issuer of v1 tokens. */
  public static String v1Issuer(String tid) {
    return "https://sts.windows.net/" + tid + "/";
  }

  /**
   * A tenant not on the allowed list is accepted only when the token's signing key comes from one
   * of the pinning sources and pins exactly that tenant: its {@code issuer} is that tenant's v2
   * issuer. Entra's own JWKS is never a pinning source, so this admits only the tenant of a pretend
   * issuer inside this server (the sandbox, while it is on), and only for its own key.
   *
   * @return the token's identity when every check passed
   * @throws InvalidTokenException with the reason of the first check that failed
   */
  public Identity validate(CompactToken token) {
    String kid = keyId(token.header());
    Claims claims = claims(token.payload());
    boolean listedTenant = settings.allowAnyTenant() || allowedTenants.contains(claims.tid());
    if (!listedTenant && settings.pinningSources().isEmpty()) {
      throw tenantNotAllowed();
    }
    checkIssuer(claims);
    SigningKey key = listedTenant ? signingKey(kid) : keyPinning(kid, claims.tid());
    checkKeyIssuer(key, claims.tid());
    if (!Rs256.verifies(key.publicKey(), token)) {
      throw new InvalidTokenException(
          Reason.BAD_SIGNATURE, "The token's signature does not match Entra ID's signing key.");
    }
    checkLifetime(claims);
    if (!audiences.contains(claims.aud())) {
      throw new InvalidTokenException(
          Reason.WRONG_AUDIENCE,
          "The token was issued for another API (aud); the add-in must ask for this server's"
              + " scope, not Microsoft Graph's.");
    }
    if (claims.clientApp() == null || !allowedClientApps.contains(claims.clientApp())) {
      throw new InvalidTokenException(
          Reason.CLIENT_APP_NOT_ALLOWED,
          "The token was requested by an app this server does not" + " accept (azp/appid).");
    }
    checkScope(claims.scp());
    return identity(claims, kid, token.payload());
  }

  // Step 1 (the size and segments were checked by CompactToken).
  private static String keyId(JsonObject header) {
    if (!(header.get("alg") instanceof JsonString alg && alg.getString().equals("RS256"))) {
      throw new InvalidTokenException(
          Reason.UNSUPPORTED_ALGORITHM,
          "The token is not signed with RS256, the only algorithm Entra ID uses for access"
              + " tokens.");
    }
    if (header.get("kid") instanceof JsonString kid && !kid.getString().isEmpty()) {
      return kid.getString();
    }
    throw new InvalidTokenException(
        Reason.MISSING_KEY_ID, "The token's header names no signing key (kid).");
  }

  // Step 2.
  private static Claims claims(JsonObject payload) {
    String version = payload.get("ver") instanceof JsonString ver ? ver.getString() : null;
    if (!"1.0".equals(version) && !"2.0".equals(version)) {
      throw new InvalidTokenException(
          Reason.WRONG_VERSION, "The token is not an Entra ID access token of version 1.0 or 2.0.");
    }
    String tid = guid(payload, "tid");
    String oid = guid(payload, "oid");
    return new Claims(
        version,
        tid,
        oid,
        requiredString(payload, "iss"),
        requiredString(payload, "aud"),
        epochSeconds(payload, "nbf"),
        epochSeconds(payload, "exp"),
        optionalString(payload, version.equals("2.0") ? "azp" : "appid"),
        optionalString(payload, "scp"));
  }

  private static String guid(JsonObject payload, String name) {
    String value = requiredString(payload, name);
    if (!isGuid(value)) {
      throw malformed("The token's " + name + " claim is not a GUID.");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  // A loop, not a regular expression: two of these run for every token the cache has not seen.
  private static boolean isGuid(String value) {
    if (value.length() != GUID_CHARS) {
      return false;
    }
    int hyphen = 0;
    for (int i = 0; i < GUID_CHARS; i++) {
      char c = value.charAt(i);
      if (hyphen < GUID_HYPHENS.length && i == GUID_HYPHENS[hyphen]) {
        if (c != '-') {
          return false;
        }
        hyphen++;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static String requiredString(JsonObject payload, String name) {
    String value = optionalString(payload, name);
    if (value == null) {
      throw malformed("The token's " + name + " claim is missing or not a string.");
    }
    return value;
  }

  private static String optionalString(JsonObject payload, String name) {
    return payload.get(name) instanceof JsonString text && !text.getString().isEmpty()
        ? text.getString()
        : null;
  }

  private static Instant epochSeconds(JsonObject payload, String name) {
    if (payload.get(name) instanceof JsonNumber number) {
      BigDecimal seconds = number.bigDecimalValue();
      if (seconds.signum() >= 0 && seconds.compareTo(LATEST_SECOND) <= 0) {
        return Instant.ofEpochSecond(seconds.longValue());
      }
    }
    throw malformed("The token's " + name + " claim is not a time in seconds.");
  }

  // Step 4: the issuer of the token's own tenant, in the form of the token's version.
  private static void checkIssuer(Claims claims) {
    String expected =
        claims.version().equals("2.0") ? v2Issuer(claims.tid()) : v1Issuer(claims.tid());
    if (!claims.iss().equals(expected)) {
      throw new InvalidTokenException(
          Reason.WRONG_ISSUER, "The token was not issued by Entra ID for its own tenant (iss).");
    }
  }

  private SigningKey signingKey(String kid) {
    return signingKey(kid, settings.keySources());
  }

  // Step 5: the kid in each Entra key source, in order.
  private SigningKey signingKey(String kid, List<String> sources) {
    boolean unavailable = false;
    for (String source : sources) {
      try {
        Optional<SigningKey> key = signingKeys.find(source, kid);
        if (key.isPresent()) {
          return key.get();
        }
      } catch (KeysUnavailableException e) {
        unavailable = true;
      }
    }
    if (unavailable) {
      throw new InvalidTokenException(
          Reason.METADATA_UNAVAILABLE, "Entra ID's signing keys cannot be loaded right now.");
    }
    throw new InvalidTokenException(
        Reason.UNKNOWN_SIGNING_KEY, "The token's signing key (kid) is not listed by Entra ID.");
  }

  // Steps 3 and 5 for a tenant not on the list: only a key pinned to exactly that tenant admits it.
  private SigningKey keyPinning(String kid, String tid) {
    try {
      SigningKey key = signingKey(kid, settings.pinningSources());
      if (v2Issuer(tid).equals(key.issuer())) {
        return key;
      }
    } catch (InvalidTokenException e) {
      // Whatever the key lookup says, the tenant is what this token lacks.
    }
    throw tenantNotAllowed();
  }

  private static void checkKeyIssuer(SigningKey key, String tid) {
    if (key.issuer() != null
        && !key.issuer().replace(TENANT_PLACEHOLDER, tid).equals(v2Issuer(tid))) {
      throw new InvalidTokenException(
          Reason.WRONG_ISSUER, "The token's signing key may not sign for the token's tenant.");
    }
  }

  // Step 7.
  private void checkLifetime(Claims claims) {
    Instant now = clock.instant();
    if (now.isBefore(claims.nbf().minus(settings.clockSkew()))) {
      throw new InvalidTokenException(
          Reason.TOKEN_NOT_YET_VALID,
          "The token is not valid yet; the clocks of this server and Entra ID may differ.");
    }
    if (now.isAfter(claims.exp().plus(settings.clockSkew()))) {
      throw new InvalidTokenException(
          Reason.TOKEN_EXPIRED, "The token has expired; the add-in should ask for a new one.");
    }
  }

  // Step 10: app-only tokens carry roles and no scp.
  private void checkScope(String scp) {
    boolean granted =
        scp != null && Arrays.asList(scp.split(" ")).contains(settings.requiredScope());
    if (!granted) {
      throw new InvalidTokenException(
          Reason.MISSING_SCOPE,
          "The token does not grant this server's scope "
              + settings.requiredScope()
              + " for a signed-in user (scp).");
    }
  }

  // Step 11.
  private static Identity identity(Claims claims, String kid, JsonObject payload) {
    String uniqueID = uniqueId(claims.tid(), claims.oid());
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("kind", TokenKind.ENTRA_ACCESS.code());
    shown.put("uniqueID", uniqueID);
    shown.put("tid", claims.tid());
    shown.put("oid", claims.oid());
    shown.put("aud", claims.aud());
    shown.put("iss", claims.iss());
    shown.put(claims.version().equals("2.0") ? "azp" : "appid", claims.clientApp());
    shown.put("scp", claims.scp());
    shown.put("ver", claims.version());
    shown.put("kid", kid);
    shown.put("nbf", claims.nbf().toString());
    shown.put("exp", claims.exp().toString());
    // For display only: these names can change and are sometimes chosen by the user.
    String name = optionalString(payload, "name");
    if (name != null) {
      shown.put("name", name);
    }
    String username = optionalString(payload, "preferred_username");
    if (username != null) {
      shown.put("preferred_username", username);
    }
    return new Identity(TokenKind.ENTRA_ACCESS, uniqueID, claims.tid(), claims.exp(), shown);
  }

  private static InvalidTokenException tenantNotAllowed() {
    return new InvalidTokenException(
        Reason.TENANT_NOT_ALLOWED,
        "This server does not accept users of the token's tenant (tid).");
  }

  private static InvalidTokenException malformed(String message) {
    return new InvalidTokenException(Reason.MALFORMED_TOKEN, message);
  }
}
