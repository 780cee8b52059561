package dev.identitybridge.sandbox.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.identitybridge.exchange.control.MetadataDocumentParser;
import dev.identitybridge.exchange.control.TestTokens;
import dev.identitybridge.keys.entity.SigningKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SandboxIssuerTest {

  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final String AUDIENCE = "http://localhost:8080/addin/taskpane.html";
  static final String SANDBOX_PRINCIPAL =
      "00000002-0000-0ff1-ce00-000000000000@sandbox.identitybridge.invalid";

  /** Key generation takes a moment: one issuer for the class; it holds no state between calls. */
  static final SandboxIssuer ISSUER =
      new SandboxIssuer(true, AUDIENCE, Clock.fixed(NOW, ZoneOffset.UTC));

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static JsonObject segment(String token, int index) {
    return json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), UTF_8));
  }

  private static X509Certificate certificateOfTheMetadataDocument() throws Exception {
    String der =
        ISSUER
            .metadataDocument()
            .getJsonArray("keys")
            .getJsonObject(0)
            .getJsonObject("keyvalue")
            .getString("value");
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(der)));
  }

  @Test
  void issuesTokensShapedLikeExchanges() {
    String token = ISSUER.issue("alice");

    JsonObject header = segment(token, 0);
    assertThat(header.keySet()).containsExactlyInAnyOrder("typ", "alg", "x5t");
    assertThat(header.getString("typ")).isEqualTo("JWT");
    assertThat(header.getString("alg")).isEqualTo("RS256");

    JsonObject payload = segment(token, 1);
    assertThat(payload.keySet())
        .containsExactlyInAnyOrder(
            "aud", "iss", "nbf", "exp", "appctxsender", "isbrowserhostedapp", "appctx");
    assertThat(payload.getString("aud")).isEqualTo(AUDIENCE);
    assertThat(payload.getString("iss")).isEqualTo(SANDBOX_PRINCIPAL);
    assertThat(payload.getString("appctxsender")).isEqualTo(SANDBOX_PRINCIPAL);
    assertThat(payload.getString("isbrowserhostedapp")).isEqualTo("True");
    assertThat(payload.getJsonNumber("nbf").longValueExact()).isEqualTo(NOW.getEpochSecond());
    assertThat(payload.getJsonNumber("exp").longValueExact())
        .isEqualTo(NOW.getEpochSecond() + 8 * 3600);

    // A string that holds JSON, as in real tokens.
    JsonObject appctx = json(payload.getString("appctx"));
    assertThat(appctx.keySet()).containsExactlyInAnyOrder("msexchuid", "version", "amurl");
    assertThat(appctx.getString("version")).isEqualTo("ExIdTok.V1");
    assertThat(appctx.getString("amurl"))
        .isEqualTo("https://sandbox.identitybridge.invalid:443/autodiscover/metadata/json/1")
        .isEqualTo(SandboxIssuer.METADATA_URL);
    assertThat(appctx.getString("msexchuid")).isEqualTo(SandboxIssuer.msexchuid("alice"));
  }

  @Test
  void namesItsSigningCertificateByTheSha1OfItsDer() throws Exception {
    X509Certificate certificate = certificateOfTheMetadataDocument();

    String x5t = segment(ISSUER.issue("alice"), 0).getString("x5t");

    assertThat(x5t).isEqualTo(TestTokens.x5t(certificate));
    assertThat(ISSUER.keySources())
        .singleElement()
        .satisfies(
            source -> {
              assertThat(source.id())
                  .isEqualTo(
                      "https://sandbox.identitybridge.invalid:443/autodiscover/metadata/json/1");
              assertThat(source.fetch().keys(null))
                  .extracting(SigningKey::id, SigningKey::publicKey)
                  .containsExactly(tuple(x5t, (RSAPublicKey) certificate.getPublicKey()));
            });
  }

  @Test
  void signsWithASelfSignedRsa2048Certificate() throws Exception {
    X509Certificate certificate = certificateOfTheMetadataDocument();

    certificate.verify(certificate.getPublicKey());
    assertThat(certificate.getSubjectX500Principal())
        .isEqualTo(certificate.getIssuerX500Principal());
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=identity-bridge sandbox issuer");
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW);
  }

  @Test
  void publishesAMetadataDocumentThatTheServersOwnParserReads() throws Exception {
    JsonObject document = ISSUER.metadataDocument();

    List<SigningKey> certificates =
        new MetadataDocumentParser().parse(document.toString().getBytes(UTF_8));

    assertThat(certificates).hasSize(1);
    assertThat(certificates.get(0).id())
        .isEqualTo(segment(ISSUER.issue("alice"), 0).getString("x5t"));
    assertThat(certificates.get(0).keyBits()).isEqualTo(2048);
    assertThat(document.getString("issuer")).isEqualTo("00000002-0000-0ff1-ce00-000000000000@*");
    assertThat(document.getJsonArray("endpoints").getJsonObject(0).getString("location"))
        .isEqualTo(SandboxIssuer.METADATA_URL);
  }

  @Test
  void givesAMailboxTheSameMsexchuidEveryTimeWhateverItsCase() {
    String alice = SandboxIssuer.msexchuid("alice");

    assertThat(SandboxIssuer.msexchuid("Alice")).isEqualTo(alice);
    assertThat(alice).isEqualTo(UUID.nameUUIDFromBytes("sandbox:alice".getBytes(UTF_8)).toString());
    assertThat(SandboxIssuer.msexchuid("bob")).isNotEqualTo(alice);
    assertThat(json(segment(ISSUER.issue("ALICE"), 1).getString("appctx")).getString("msexchuid"))
        .isEqualTo(alice);
  }

  @Test
  void issuesNothingWhileOff() {
    SandboxIssuer off = new SandboxIssuer(false, AUDIENCE, Clock.systemUTC());

    assertThat(off.enabled()).isFalse();
    assertThatThrownBy(() -> off.issue("alice")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(off::metadataDocument).isInstanceOf(IllegalStateException.class);
    assertThat(off.keySources()).isEmpty();
  }
}
