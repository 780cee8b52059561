package dev.identitybridge.exchange.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.keys.control.KeySourceException;
import dev.identitybridge.keys.entity.SigningKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.InputStream;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class MetadataDocumentParserTest {

  private static final HeldCertificate SIGNER = TestTokens.SIGNER;
  private static final HeldCertificate NEXT_SIGNER = TestTokens.OTHER_SIGNER;

  private final MetadataDocumentParser parser = new MetadataDocumentParser();

  static String der(X509Certificate certificate) throws Exception {
    return Base64.getEncoder().encodeToString(certificate.getEncoded());
  }

  /** A keys[] entry as Exchange writes it. */
  static JsonObject key(HeldCertificate held) throws Exception {
    return key(TestTokens.x5t(held.certificate()), "x509Certificate", der(held.certificate()));
  }

  static JsonObject key(String x5t, String type, String value) {
    return Json.createObjectBuilder()
        .add("usage", "signing")
        .add("keyinfo", Json.createObjectBuilder().add("x5t", x5t))
        .add("keyvalue", Json.createObjectBuilder().add("type", type).add("value", value))
        .build();
  }

  static byte[] document(JsonObject... keys) {
    JsonObjectBuilder document =
        Json.createObjectBuilder()
            .add("id", "_70b34511-d105-4e2b-9675-39f53305bb01")
            .add("issuer", "00000002-0000-0ff1-ce00-000000000000@*");
    var array = Json.createArrayBuilder();
    Stream.of(keys).forEach(array::add);
    return document.add("keys", array).build().toString().getBytes(UTF_8);
  }

  private KeySourceException failure(byte[] document) {
    KeySourceException failure =
        catchThrowableOfType(KeySourceException.class, () -> parser.parse(document));
    assertThat(failure).as("the document's rejection").isNotNull();
    return failure;
  }

  @Test
  void readsTheSigningCertificates() throws Exception {
    List<SigningKey> certificates = parser.parse(document(key(SIGNER), key(NEXT_SIGNER)));

    assertThat(certificates)
        .extracting(SigningKey::id)
        .containsExactly(
            TestTokens.x5t(SIGNER.certificate()), TestTokens.x5t(NEXT_SIGNER.certificate()));
    SigningKey first = certificates.get(0);
    assertThat(first.publicKey()).isEqualTo(SIGNER.keyPair().getPublic());
    assertThat(first.subject()).contains("CN=Exchange Server Auth Certificate");
    assertThat(first.notBefore()).isEqualTo(SIGNER.certificate().getNotBefore().toInstant());
    assertThat(first.notAfter()).isEqualTo(SIGNER.certificate().getNotAfter().toInstant());
    assertThat(first.keyBits()).isEqualTo(2048);
  }

  @Test
  void givesEachKeyTheDocumentsIssuer() throws Exception {
    byte[] named =
        Json.createObjectBuilder()
            .add("Issuer", "00000002-0000-0ff1-ce00-000000000000@contoso.com")
            .add("keys", Json.createArrayBuilder().add(key(SIGNER)))
            .build()
            .toString()
            .getBytes(UTF_8);

    assertThat(parser.parse(named))
        .extracting(SigningKey::issuer)
        .containsExactly("00000002-0000-0ff1-ce00-000000000000@contoso.com");
    assertThat(parser.parse(document(key(SIGNER))))
        .extracting(SigningKey::issuer)
        .containsExactly("00000002-0000-0ff1-ce00-000000000000@*");
  }

  @Test
  void comparesPropertyNamesAndTheKeyTypeCaseInsensitively() throws Exception {
    JsonObject variant =
        Json.createObjectBuilder()
            .add("Usage", "Signing")
            .add(
                "keyInfo",
                Json.createObjectBuilder().add("x5t", TestTokens.x5t(SIGNER.certificate())))
            .add(
                "keyValue",
                Json.createObjectBuilder()
                    .add("Type", "x509certificate")
                    .add("Value", der(SIGNER.certificate())))
            .build();
    byte[] document =
        Json.createObjectBuilder()
            .add("Keys", Json.createArrayBuilder().add(variant))
            .build()
            .toString()
            .getBytes(UTF_8);

    assertThat(parser.parse(document))
        .extracting(SigningKey::id)
        .containsExactly(TestTokens.x5t(SIGNER.certificate()));
  }

  @Test
  void rejectsTheDocumentationsExampleWithItsTruncatedCertificate() throws Exception {
    byte[] example;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/docs-metadata-example.json")) {
      example = in.readAllBytes();
    }

    assertThat(failure(example).getMessage())
        .contains("no usable signing certificate")
        .contains("keys[0]: keyvalue.value is not base64");
  }

  @Test
  void rejectsACertificateCutShortAtAByteBoundary() throws Exception {
    String cut = der(SIGNER.certificate()).substring(0, 400);

    assertThat(
            failure(document(key(TestTokens.x5t(SIGNER.certificate()), "x509Certificate", cut)))
                .getMessage())
        .contains("keys[0]: keyvalue.value is not an X.509 certificate");
  }

  @Test
  void skipsAnRsaKeyUnder2048Bits() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    HeldCertificate weak = new HeldCertificate.Builder().keyPair(rsa.generateKeyPair()).build();

    assertThat(parser.parse(document(key(weak), key(SIGNER))))
        .extracting(SigningKey::id)
        .containsExactly(TestTokens.x5t(SIGNER.certificate()));
    assertThat(failure(document(key(weak))).getMessage()).contains("1024-bit RSA key");
  }

  @Test
  void skipsANonRsaKey() throws Exception {
    HeldCertificate ec = new HeldCertificate.Builder().ecdsa256().build();

    assertThat(failure(document(key(ec))).getMessage()).contains("not an RSA key");
  }

  @Test
  void skipsAnEntryWhoseThumbprintIsNotItsCertificates() throws Exception {
    JsonObject mislabelled =
        key(
            TestTokens.x5t(NEXT_SIGNER.certificate()),
            "x509Certificate",
            der(SIGNER.certificate()));

    assertThat(parser.parse(document(mislabelled, key(NEXT_SIGNER))))
        .extracting(SigningKey::publicKey)
        .containsExactly((RSAPublicKey) NEXT_SIGNER.keyPair().getPublic());
  }

  @Test
  void skipsEntriesOfOtherTypesAndUsages() throws Exception {
    JsonObject thumbprintOnly = key(TestTokens.x5t(SIGNER.certificate()), "x509Thumbprint", "abc");
    JsonObject encryption =
        Json.createObjectBuilder(key(SIGNER)).add("usage", "encryption").build();
    JsonObject noKeyInfo = Json.createObjectBuilder(key(SIGNER)).remove("keyinfo").build();

    assertThat(failure(document(thumbprintOnly, encryption, noKeyInfo)).getMessage())
        .contains("keys[0]: keyvalue.type is x509Thumbprint")
        .contains("keys[1]: usage is not signing")
        .contains("keys[2]: no keyinfo object");
  }

  @Test
  void acceptsBase64WithLineBreaksAndAByteOrderMark() throws Exception {
    String wrapped = der(SIGNER.certificate()).replaceAll("(.{64})", "$1\r\n");
    byte[] json = document(key(TestTokens.x5t(SIGNER.certificate()), "x509Certificate", wrapped));
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);

    assertThat(parser.parse(withBom)).hasSize(1);
  }

  @Test
  void rejectsWhatIsNotAMetadataDocument() {
    assertThat(failure("<html>".getBytes(UTF_8)).getMessage()).contains("not a JSON object");
    assertThat(failure("[]".getBytes(UTF_8)).getMessage()).contains("not a JSON object");
    assertThat(failure("{\"keys\":{}}".getBytes(UTF_8)).getMessage()).contains("no keys array");
    assertThat(failure("{\"keys\":[]}".getBytes(UTF_8)).getMessage())
        .contains("no usable signing certificate");
  }
}
