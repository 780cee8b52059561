package dev.identitybridge.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * The peer: validates an Exchange identity token the way Microsoft's sample services do, with no
 * cache at all. For every token it downloads the metadata document, parses it, decodes the
 * certificate whose thumbprint the token names, and checks the signature. It is generous to the
 * peer: one HTTP client with keep-alive is shared, and only the signature is checked (no claims).
 */
final class PerRequestFetchPeer {

  private final URI metadata;
  private final HttpClient http;

  PerRequestFetchPeer(String metadataUrl, SSLContext tls) {
    this.metadata = URI.create(metadataUrl);
    this.http = HttpClient.newBuilder().sslContext(tls).build();
  }

  /** The token's {@code appctx}, when the signature is good. */
  String validate(String token) throws Exception {
    String[] parts = token.split("\\.");
    JsonObject header = json(new String(Base64.getUrlDecoder().decode(parts[0]), UTF_8));
    JsonObject payload = json(new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8));
    String body =
        http.send(
                HttpRequest.newBuilder(metadata).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    X509Certificate certificate = null;
    for (JsonValue key : json(body).getJsonArray("keys")) {
      JsonObject info = key.asJsonObject();
      if (info.getJsonObject("keyinfo").getString("x5t").equals(header.getString("x5t"))) {
        certificate =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                        new ByteArrayInputStream(
                            Base64.getDecoder()
                                .decode(info.getJsonObject("keyvalue").getString("value"))));
      }
    }
    if (certificate == null) {
      throw new GeneralSecurityException("unknown signing key");
    }
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(certificate.getPublicKey());
    rsa.update((parts[0] + "." + parts[1]).getBytes(US_ASCII));
    if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
      throw new GeneralSecurityException("bad signature");
    }
    return payload.getString("appctx");
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
