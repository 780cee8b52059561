package dev.identitybridge.entra.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Entra ID access tokens for the tests, shaped like real ones, every part replaceable. */
final class EntraTestTokens {

  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String OTHER_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
  static final String CLIENT_ID = "8e6a7e2b-1f0b-4a4e-9a55-5c2d7b0c1d11";
  static final String APP_ID_URI = "api://addin.example.com/" + CLIENT_ID;
  static final String OID = "00000000-0000-0000-66f3-3332eca7ea81";
  static final String KID = "nOo3ZDrODXEK1jKWhXslHR_KXEg";
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final Instant NBF = NOW.minusSeconds(300);
  static final Instant EXP = NOW.plusSeconds(3600);

  static final KeyPair SIGNER = rsa();
  static final KeyPair OTHER_SIGNER = rsa();

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private EntraTestTokens() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64url(String text) {
    return BASE64URL.encodeToString(text.getBytes(UTF_8));
  }

  /** A v2 token as Entra issues it for this add-in's API. */
  static Token v2() {
    Token token = new Token();
    token.header.put("typ", Json.createValue("JWT"));
    token.header.put("alg", Json.createValue("RS256"));
    token.header.put("kid", Json.createValue(KID));
    token.claims.put("aud", Json.createValue(CLIENT_ID));
    token.claims.put(
        "iss", Json.createValue("https://login.microsoftonline.com/" + TENANT + "/v2.0"));
    token.claims.put("iat", Json.createValue(NBF.getEpochSecond()));
    token.claims.put("nbf", Json.createValue(NBF.getEpochSecond()));
    token.claims.put("exp", Json.createValue(EXP.getEpochSecond()));
    token.claims.put("azp", Json.createValue(CLIENT_ID));
    token.claims.put("name", Json.createValue("Megan Bowen"));
    token.claims.put("oid", Json.createValue(OID));
    token.claims.put("preferred_username", Json.createValue("meganb@contoso.example"));
    token.claims.put("scp", Json.createValue("access_as_user"));
    token.claims.put("sub", Json.createValue("8HoFZ8kPzvR4pwtG2-GQfSrmqhvYt3mEJ9bWu-qmjvU"));
    token.claims.put("tid", Json.createValue(TENANT));
    token.claims.put("ver", Json.createValue("2.0"));
    return token;
  }

  /** A v1 token: sts.windows.net issuer, the App ID URI as audience, the caller app in appid. */
  static Token v1() {
    return v2().claim("ver", "1.0")
        .claim("iss", "https://sts.windows.net/" + TENANT + "/")
        .claim("aud", APP_ID_URI)
        .without("azp")
        .claim("appid", CLIENT_ID)
        .claim("upn", "meganb@contoso.example")
        .without("preferred_username");
  }

  static final class Token {
    final Map<String, JsonValue> header = new LinkedHashMap<>();
    final Map<String, JsonValue> claims = new LinkedHashMap<>();

    Token claim(String name, String value) {
      claims.put(name, Json.createValue(value));
      return this;
    }

    Token claim(String name, long value) {
      claims.put(name, Json.createValue(value));
      return this;
    }

    Token without(String name) {
      claims.remove(name);
      return this;
    }

    Token header(String name, String value) {
      header.put(name, Json.createValue(value));
      return this;
    }

    Token withoutHeader(String name) {
      header.remove(name);
      return this;
    }

    String signedPart() {
      return base64url(object(header).toString()) + "." + base64url(object(claims).toString());
    }

    String signed() {
      return signedBy(SIGNER);
    }

    String signedBy(KeyPair keys) {
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signedPart().getBytes(UTF_8));
        return signedPart() + "." + BASE64URL.encodeToString(rsa.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** HMAC-SHA256 with the given secret: the key-confusion attack when it is the public key. */
    String hmacSigned(byte[] secret) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signedPart()
            + "."
            + BASE64URL.encodeToString(mac.doFinal(signedPart().getBytes(UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    String unsigned() {
      return signedPart() + ".";
    }

    private static JsonObject object(Map<String, JsonValue> values) {
      JsonObjectBuilder builder = Json.createObjectBuilder();
      values.forEach(builder::add);
      return builder.build();
    }
  }
}
