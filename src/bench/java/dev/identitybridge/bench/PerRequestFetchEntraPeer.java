package dev.identitybridge.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * A peer for Entra ID access tokens: validates one the way the server of Microsoft's nested app
 * authentication sample does ({@code OfficeDev/Office-Add-in-samples},
 * Samples/auth/Outlook-Add-in-SSO-NAA-Identity/API/server-helpers/validation-helper.js with
 * jsonwebtoken 9.0.2 and jwks-rsa 3.1.0, then the route's scope check in controllers/todolist.js),
 * with no cache at all. For every token it
 *
 * <ol>
 *   <li>decodes the header and the payload ({@code jwt.decode});
 *   <li>downloads and parses the OpenID configuration ({@code fetch}), and compares {@code iss}
 *       with its {@code issuer}, {@code {tenantid}} replaced by the token's {@code tid};
 *   <li>decodes the token again ({@code jwt.verify}) and, with a new JWKS client whose key cache
 *       starts empty ({@code jwksClient} inside {@code getSigningKeys}), downloads and parses the
 *       JWKS, turns every signing RSA key into a public key and that into PEM ({@code
 *       retrieveSigningKeys}), and picks the one whose {@code kid} the header names;
 *   <li>reads that PEM back into a key ({@code createPublicKey}), checks that {@code alg} is RS256,
 *       verifies the signature, then {@code nbf}, {@code exp} (no clock tolerance) and {@code aud}
 *       against the client id;
 *   <li>checks that {@code scp} holds the required scope, in any case (the route's {@code
 *       hasRequiredDelegatedPermissions}), and answers {@code oid + tid}.
 * </ol>
 *
 * <p>The sample opens no connection of its own: {@code fetch} goes through Node's global undici
 * dispatcher and jwks-rsa's {@code https.request} through {@code https.globalAgent}, and both keep
 * connections alive (Node 19 and later; the sample asks for the latest Node). A new JWKS client is
 * a new key cache, not a new connection. So here two {@link HttpClient}s are shared, one per Node
 * HTTP stack, each keeping its connection to the loopback server alive over HTTP/1.1 as Node does.
 *
 * <p>Where it is generous: the JWKS holds only the sandbox tenant's key (Entra's has several, each
 * converted on every request), the documents come from loopback over a kept-alive connection
 * instead of from login.microsoftonline.com, and nothing is logged.
 */
final class PerRequestFetchEntraPeer {

  private final URI openIdConfiguration;
  private final String clientId;
  private final String requiredScope;
  private final HttpClient fetch;
  private final HttpClient globalAgent;

  /**
   * @param openIdConfigurationUrl where the OpenID configuration is, whose {@code jwks_uri} names
   *     the JWKS
   * @param clientId the expected {@code aud}
   * @param requiredScope a scope that {@code scp} must hold
   */
  PerRequestFetchEntraPeer(
      String openIdConfigurationUrl, String clientId, String requiredScope, SSLContext tls) {
    this.openIdConfiguration = URI.create(openIdConfigurationUrl);
    this.clientId = clientId;
    this.requiredScope = requiredScope;
    this.fetch = client(tls);
    this.globalAgent = client(tls);
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** {@code oid + tid}, when every check passed. */
  String validate(String token) throws Exception {
    String[] parts = token.split("\\.");
    json(decode(parts[0]));
    JsonObject payload = json(decode(parts[1]));
    String iss = payload.getString("iss");
    String oid = payload.getString("oid");
    String tid = payload.getString("tid");
    JsonObject configuration = json(get(fetch, openIdConfiguration));
    if (!iss.equals(configuration.getString("issuer").replace("{tenantid}", tid))) {
      throw new GeneralSecurityException("Invalid issuer.");
    }
    URI jwksUri = URI.create(configuration.getString("jwks_uri"));

    String[] again = token.split("\\.");
    JsonObject header = json(decode(again[0]));
    JsonObject claims = json(decode(again[1]));
    PublicKey key = publicKey(signingKey(get(globalAgent, jwksUri), header.getString("kid")));
    if (!"RS256".equals(header.getString("alg"))) {
      throw new GeneralSecurityException("invalid algorithm");
    }
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update((again[0] + "." + again[1]).getBytes(US_ASCII));
    if (!rsa.verify(Base64.getUrlDecoder().decode(again[2]))) {
      throw new GeneralSecurityException("invalid signature");
    }
    long now = System.currentTimeMillis() / 1000;
    if (claims.containsKey("nbf") && claims.getJsonNumber("nbf").longValue() > now) {
      throw new GeneralSecurityException("jwt not active");
    }
    if (claims.containsKey("exp") && now >= claims.getJsonNumber("exp").longValue()) {
      throw new GeneralSecurityException("jwt expired");
    }
    if (!audiences(claims).contains(clientId)) {
      throw new GeneralSecurityException("jwt audience invalid");
    }
    if (!hasScope(claims)) {
      throw new GeneralSecurityException("User does not have the required permissions.");
    }
    return oid + tid;
  }

  /** The PEM of the signing key with this {@code kid}, after converting every signing key. */
  private static String signingKey(String jwks, String kid) throws GeneralSecurityException {
    record Candidate(String kid, String pem) {}
    List<Candidate> signingKeys = new ArrayList<>();
    for (JsonValue value : json(jwks).getJsonArray("keys")) {
      JsonObject jwk = value.asJsonObject();
      if (jwk.containsKey("use") && !"sig".equals(jwk.getString("use"))
          || !"RSA".equals(jwk.getString("kty"))) {
        continue;
      }
      PublicKey imported =
          KeyFactory.getInstance("RSA")
              .generatePublic(
                  new RSAPublicKeySpec(
                      new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n"))),
                      new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")))));
      signingKeys.add(new Candidate(jwk.getString("kid", null), pem(imported)));
    }
    for (Candidate candidate : signingKeys) {
      if (kid.equals(candidate.kid())) {
        return candidate.pem();
      }
    }
    throw new GeneralSecurityException("Unable to find a signing key that matches '" + kid + "'");
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static PublicKey publicKey(String pem) throws GeneralSecurityException {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
  }

  private static List<String> audiences(JsonObject claims) {
    JsonValue aud = claims.get("aud");
    if (aud instanceof JsonString single) {
      return List.of(single.getString());
    }
    return aud == null
        ? List.of()
        : aud.asJsonArray().getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
  }

  private boolean hasScope(JsonObject claims) {
    if (!claims.containsKey("scp")) {
      return false;
    }
    String required = requiredScope.toUpperCase(Locale.ROOT);
    for (String scope : claims.getString("scp").split(" ")) {
      if (scope.toUpperCase(Locale.ROOT).equals(required)) {
        return true;
      }
    }
    return false;
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new GeneralSecurityException("Http Error " + response.statusCode());
    }
    return response.body();
  }

  private static String decode(String segment) {
    return new String(Base64.getUrlDecoder().decode(segment), UTF_8);
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
