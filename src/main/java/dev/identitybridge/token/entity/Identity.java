package dev.identitybridge.token.entity;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a genuine token says the caller is, whatever its kind.
 *
 * @param uniqueID the stable user id that links map: 43 characters of base64url
 * @param realm the issuer's realm: the on-premises domain for Exchange, the tenant id for Entra
 * @param expiresAt the token's {@code exp}: nothing derived from it may outlive it
 * @param claims what a caller may be shown about the token, in display order
 */
public record Identity(
    TokenKind kind, String uniqueID, String realm, Instant expiresAt, Map<String, Object> claims) {

  private static final Base64.Encoder BASE64URL_UNPADDED = Base64.getUrlEncoder().withoutPadding();

  public Identity {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(uniqueID, "uniqueID");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(expiresAt, "expiresAt");
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** base64url-without-padding(SHA-256(UTF-8(text))): how each kind turns its ids into one. */
  public static String uniqueIdOf(String text) {
    return BASE64URL_UNPADDED.encodeToString(Sha256.digest(text.getBytes(UTF_8)));
  }
}
