package dev.identitybridge.exchange.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.spi.JsonProvider;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.tls.HeldCertificate;

/**
 * Builds Exchange identity tokens for tests: by default a genuine one, signed by {@link #SIGNER},
 * valid at {@link #NOW}. Tokens are signed by hand with the JDK, so any header or claim can be
 * given any value.
 */
public final class TestTokens {

  public static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  public static final Instant NBF = NOW.minusSeconds(3600);
  public static final Instant EXP = NBF.plusSeconds(8 * 3600);
  public static final String AMURL = "https://mail.example.com:443/autodiscover/metadata/json/1";
  public static final String MSEXCHUID = "430a2c5c-7104-4b86-91d2-eab4e3f68120";
  public static final String AUDIENCE = "https://addin.example.com/addin/taskpane.html";
  public static final String ISSUER = "00000002-0000-0ff1-ce00-000000000000@example.com";

  /** Generated once per test run; nothing secret is checked in. */
  public static final HeldCertificate SIGNER =
      new HeldCertificate.Builder()
          .commonName("Exchange Server Auth Certificate")
          .rsa2048()
          .build();

  public static final HeldCertificate OTHER_SIGNER =
      new HeldCertificate.Builder().commonName("Someone else").rsa2048().build();

  // Looked up once: Json.createObjectBuilder searches the class path on every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private final Map<String, Object> header = new LinkedHashMap<>();
  private final Map<String, Object> payload = new LinkedHashMap<>();
  private final Map<String, Object> appctx = new LinkedHashMap<>();
  private boolean appctxAsObject;
  private boolean omitAppctx;

  private TestTokens() {}

  /** A genuine token as Exchange on-premises issues it. */
  public static TestTokens exchangeToken() {
    TestTokens token = new TestTokens();
    token.header.put("typ", "JWT");
    token.header.put("alg", "RS256");
    token.header.put("x5t", x5t(SIGNER.certificate()));
    token.payload.put("iss", ISSUER);
    token.payload.put("aud", AUDIENCE);
    token.payload.put("nbf", NBF.getEpochSecond());
    token.payload.put("exp", EXP.getEpochSecond());
    token.payload.put("appctxsender", ISSUER);
    token.payload.put("isbrowserhostedapp", "True");
    token.appctx.put("msexchuid", MSEXCHUID);
    token.appctx.put("version", "ExIdTok.V1");
    token.appctx.put("amurl", AMURL);
    return token;
  }

  /** Sets a header; null removes it. */
  public TestTokens header(String name, Object value) {
    put(header, name, value);
    return this;
  }

  /** Sets a payload claim; null removes it. */
  public TestTokens claim(String name, Object value) {
    put(payload, name, value);
    return this;
  }

  /** Sets a member of appctx; null removes it. */
  public TestTokens appctx(String name, Object value) {
    put(appctx, name, value);
    return this;
  }

  /** appctx as a JSON object, as the documentation shows it, instead of a string holding JSON. */
  public TestTokens appctxAsObject() {
    appctxAsObject = true;
    return this;
  }

  public TestTokens withoutAppctx() {
    omitAppctx = true;
    return this;
  }

  public String signed() {
    return signedBy(SIGNER.keyPair().getPrivate());
  }

  public String signedBy(PrivateKey key) {
    String signingInput = headerSegment() + "." + payloadSegment();
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(UTF_8));
      return signingInput + "." + base64url(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String headerSegment() {
    return base64url(json(header));
  }

  public String payloadSegment() {
    Map<String, Object> claims = new LinkedHashMap<>(payload);
    if (!omitAppctx) {
      claims.putIfAbsent("appctx", appctxAsObject ? appctx : json(appctx));
    }
    return base64url(json(claims));
  }

  public Map<String, Object> payloadClaims() {
    return payload;
  }

  public static String json(Map<String, Object> object) {
    return JSON.createObjectBuilder(object).build().toString();
  }

  public static String base64url(String text) {
    return base64url(text.getBytes(UTF_8));
  }

  public static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** base64url(SHA-1(DER)), computed here independently of the code under test. */
  public static String x5t(X509Certificate certificate) {
    return base64url(sha1(certificate));
  }

  /** The same thumbprint as Exchange Online's kid: upper-case hex. */
  public static String kid(X509Certificate certificate) {
    return HexFormat.of().withUpperCase().formatHex(sha1(certificate));
  }

  private static byte[] sha1(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(Map<String, Object> map, String name, Object value) {
    if (value == null) {
      map.remove(name);
    } else {
      map.put(name, value);
    }
  }
}
