package dev.identitybridge.it;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;

/**
 * A pretend Entra ID for the integration tests: its JWKS is published on the {@link FakeExchange}'s
 * HTTPS server, at the path the server under test is configured with (pom.xml), and its tokens are
 * access tokens as nested app authentication gets them for this add-in's API (v2 unless a test asks
 * for v1).
 */
public final class FakeEntra {

  public static final String JWKS_PATH = "/entra/discovery/v2.0/keys";

  /** The same values as IDENTITYBRIDGE_ENTRA_CLIENT_ID and _ALLOWED_TENANTS in pom.xml. */
  public static final String CLIENT_ID = "0f4a1c2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b";

  public static final String TENANT = "3c9e5b1a-2d4f-4a6b-8c0d-1e2f3a4b5c6d";
  public static final String SANDBOX_TENANT = "5a4db0c5-7e4a-4e11-8d1c-5a4db0c5e27a";

  /**
   * The key every test class signs with, so that classes sharing one server (WildFly) agree on the
   * JWKS; a test that rotates keys publishes it beside its new one.
   */
  public static final Key SIGNER = newKey();

  private FakeEntra() {}

  /** A signing key of the pretend Entra: its kid and its key pair. */
  public record Key(String kid, KeyPair pair) {}

  /** Publishes the JWKS with the shared {@link #SIGNER}. */
  public static void publish() {
    publish(SIGNER);
  }

  public static Key newKey() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return new Key("kid-" + UUID.randomUUID(), rsa.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes a JWKS listing these keys, each with Entra's templated issuer. */
  public static void publish(Key... keys) {
    StringBuilder json = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < keys.length; i++) {
      RSAPublicKey key = (RSAPublicKey) keys[i].pair().getPublic();
      json.append(i == 0 ? "" : ",")
          .append(
              """
              {"kty":"RSA","use":"sig","kid":"%s","x5t":"%s","n":"%s","e":"%s",\
              "issuer":"https://login.microsoftonline.com/{tenantid}/v2.0"}"""
                  .formatted(
                      keys[i].kid(),
                      keys[i].kid(),
                      unsigned(key.getModulus()),
                      unsigned(key.getPublicExponent())));
    }
    String body = json.append("]}").toString();
    FakeExchange.get().answer(JWKS_PATH, () -> FakeExchange.json(body));
  }

  /** Entra's JWKS is down: every fetch of it gets 503 until the next {@link #publish}. */
  public static void down() {
    FakeExchange.get().answer(JWKS_PATH, () -> new MockResponse.Builder().code(503).build());
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The uniqueID the server must derive: base64url(SHA-256(tid + ":" + oid)), no padding. */
  public static String uniqueId(String tid, String oid) {
    return FakeExchange.uniqueId(tid + ":", oid);
  }

  public static Token token() {
    return new Token(SIGNER);
  }

  public static Token token(Key key) {
    return new Token(key);
  }

  /**
   * One access token; every claim defaults to what Entra sends for this add-in's API when its app
   * registration asks for v2 tokens, {@link #v1} changes them to what it sends for v1.
   */
  public static final class Token {
    private final Key key;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Token(Key key) {
      this.key = key;
      String oid = UUID.randomUUID().toString();
      claims.put("aud", CLIENT_ID);
      claims.put("iss", "https://login.microsoftonline.com/" + TENANT + "/v2.0");
      claims.put("tid", TENANT);
      claims.put("oid", oid);
      claims.put("sub", oid);
      claims.put("azp", CLIENT_ID);
      claims.put("scp", "access_as_user");
      claims.put("ver", "2.0");
      // Entra's unique token id: two tokens of one user minted in the same second still differ.
      claims.put("uti", UUID.randomUUID().toString());
      claims.put("name", "Test User");
      claims.put("preferred_username", "user@contoso.test");
    }

    public Token claim(String name, Object value) {
      claims.put(name, value);
      return this;
    }

    public Token without(String name) {
      claims.remove(name);
      return this;
    }

    public Token tenant(String tid) {
      claims.put("tid", tid);
      claims.put("iss", issuer(tid));
      return this;
    }

    /**
     * A v1 token, as Entra issues when the API's app registration leaves {@code
     * requestedAccessTokenVersion} unset: its audience is the App ID URI, its issuer the {@code
     * sts.windows.net} form, and the caller app is in {@code appid}, not {@code azp}.
     */
    public Token v1() {
      claims.put("ver", "1.0");
      claims.put("aud", "api://addin.identitybridge.test/" + CLIENT_ID);
      claims.put("appid", CLIENT_ID);
      claims.remove("azp");
      claims.put("iss", issuer((String) claims.get("tid")));
      return this;
    }

    /** The same user (tenant and object id) as the other token. */
    public Token sameUserAs(Token other) {
      tenant((String) other.claims.get("tid"));
      claims.put("oid", other.oid());
      return this;
    }

    private String issuer(String tid) {
      return "1.0".equals(claims.get("ver"))
          ? "https://sts.windows.net/" + tid + "/"
          : "https://login.microsoftonline.com/" + tid + "/v2.0";
    }

    public String oid() {
      return (String) claims.get("oid");
    }

    public String uniqueId() {
      return FakeEntra.uniqueId((String) claims.get("tid"), oid());
    }

    public String signed() {
      Instant now = Instant.now();
      return ServerOutput.secret(
          JWT.create()
              .withHeader(Map.of("typ", "JWT", "kid", key.kid()))
              .withPayload(claims)
              .withNotBefore(now.minusSeconds(60))
              .withIssuedAt(now.minusSeconds(60))
              .withExpiresAt(now.plusSeconds(3600))
              .sign(
                  Algorithm.RSA256(
                      (RSAPublicKey) key.pair().getPublic(),
                      (RSAPrivateKey) key.pair().getPrivate())));
    }
  }
}
