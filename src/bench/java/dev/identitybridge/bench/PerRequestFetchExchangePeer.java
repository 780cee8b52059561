package dev.identitybridge.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A peer for Exchange identity tokens: validates one the way the service of Microsoft's Outlook
 * token viewer sample does ({@code OfficeDev/Outlook-Add-In-Token-Viewer},
 * TokenValidationService/Models/ExchangeIdToken.cs), with no cache at all (its own comment leaves
 * the cache as a TODO). For every token it
 *
 * <ol>
 *   <li>decodes the header and the payload, and parses the {@code appctx} claim;
 *   <li>checks that the {@code appctx} version is {@code ExIdTok.V1};
 *   <li>downloads and parses the metadata document ({@code new WebClient().DownloadString}), and
 *       builds a certificate from every key whose thumbprint is the header's {@code x5t} and whose
 *       type is {@code x509Certificate};
 *   <li>decodes the token again ({@code JwtSecurityTokenHandler.ValidateToken}), checks that {@code
 *       alg} is RS256, verifies the signature with those keys, then the lifetime ({@code exp}
 *       required, five minutes of clock skew, the handler's default) and {@code aud}; the issuer is
 *       not checked ({@code ValidateIssuer = false});
 *   <li>answers base64(UTF-8({@code msexchuid} + {@code amurl})), the sample's user id.
 * </ol>
 *
 * <p>The sample makes a new {@code WebClient} per token, but on .NET Framework that is not a new
 * connection: its requests go through {@code ServicePointManager}, which keeps HTTP/1.1 connections
 * to a host alive ({@code HttpWebRequest.KeepAlive} is true by default) and reuses them. So here
 * one {@link HttpClient} is shared and keeps its connection to the loopback server alive over
 * HTTP/1.1. (The older sample, {@code OfficeDev/Outlook-Add-in-JavaScript-ValidateIdentityToken},
 * downloads the document the same way per token, in IdentityTokenService/Models/AuthMetadata.cs.)
 *
 * <p>Where it is generous: the document comes over a kept-alive loopback connection instead of from
 * an Exchange server across a network, and nothing is logged. Where it differs: the document is
 * fetched from the loopback server this peer is given, not from the {@code amurl} the token names
 * (the sample fetches whatever URL the token names, before the signature is checked).
 */
final class PerRequestFetchExchangePeer {

  private static final long CLOCK_SKEW_SECONDS = 300;

  private final URI metadata;
  private final String audience;
  private final HttpClient http;

  /**
   * @param metadataUrl where the metadata document is
   * @param audience the expected {@code aud}
   */
  PerRequestFetchExchangePeer(String metadataUrl, String audience, SSLContext tls) {
    this.metadata = URI.create(metadataUrl);
    this.audience = audience;
    this.http =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The sample's user id, when every check passed. */
  String validate(String token) throws Exception {
    String[] parts = token.split("\\.");
    JsonObject header = json(decode(parts[0]));
    JsonObject payload = json(decode(parts[1]));
    JsonObject appContext = json(payload.getString("appctx"));
    if (!"ExIdTok.V1".equals(appContext.getString("version", null))) {
      throw new GeneralSecurityException("The token version is not ExIdTok.V1");
    }
    List<PublicKey> signingKeys = signingKeys(get(metadata), header.getString("x5t"));

    String[] again = token.split("\\.");
    JsonObject validatedHeader = json(decode(again[0]));
    JsonObject claims = json(decode(again[1]));
    if (!"RS256".equals(validatedHeader.getString("alg"))) {
      throw new GeneralSecurityException("unsupported algorithm");
    }
    byte[] signedPart = (again[0] + "." + again[1]).getBytes(US_ASCII);
    byte[] signature = Base64.getUrlDecoder().decode(again[2]);
    boolean verified = false;
    for (PublicKey key : signingKeys) {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(signedPart);
      if (rsa.verify(signature)) {
        verified = true;
        break;
      }
    }
    if (!verified) {
      throw new GeneralSecurityException("Signature validation failed");
    }
    long now = System.currentTimeMillis() / 1000;
    if (!claims.containsKey("exp")) {
      throw new GeneralSecurityException("The token has no expiration time");
    }
    if (claims.containsKey("nbf")
        && claims.getJsonNumber("nbf").longValue() > now + CLOCK_SKEW_SECONDS) {
      throw new GeneralSecurityException("The token is not yet valid");
    }
    if (claims.getJsonNumber("exp").longValue() < now - CLOCK_SKEW_SECONDS) {
      throw new GeneralSecurityException("The token has expired");
    }
    if (!audiences(claims).contains(audience)) {
      throw new GeneralSecurityException("Audience validation failed");
    }
    return Base64.getEncoder()
        .encodeToString(
            (appContext.getString("msexchuid") + appContext.getString("amurl")).getBytes(UTF_8));
  }

  private static List<PublicKey> signingKeys(String document, String x5t) throws Exception {
    List<PublicKey> keys = new ArrayList<>();
    for (JsonValue value : json(document).getJsonArray("keys")) {
      JsonObject key = value.asJsonObject();
      JsonObject keyValue = key.getJsonObject("keyvalue");
      if (x5t.equals(key.getJsonObject("keyinfo").getString("x5t"))
          && "x509Certificate".equals(keyValue.getString("type"))) {
        keys.add(
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        Base64.getDecoder().decode(keyValue.getString("value"))))
                .getPublicKey());
      }
    }
    return keys;
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

  private String get(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new GeneralSecurityException("HTTP " + response.statusCode());
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
