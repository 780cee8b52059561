package dev.identitybridge.entra.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identitybridge.keys.control.KeySourceException;
import dev.identitybridge.keys.entity.SigningKey;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class JwksParserTest {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  static String rsaJwk(String kid, RSAPublicKey key, String extra) {
    return """
        {"kty":"RSA","use":"sig","kid":"%s","n":"%s","e":"%s"%s}"""
        .formatted(kid, unsigned(key.getModulus()), unsigned(key.getPublicExponent()), extra);
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return B64URL.encodeToString(bytes);
  }

  private static List<SigningKey> parse(String json) throws KeySourceException {
    return new JwksParser().parse(json.getBytes(UTF_8));
  }

  @Test
  void readsEntrasKeysWithTheirIssuerAndCertificateDates() throws Exception {
    HeldCertificate held =
        new HeldCertificate.Builder()
            .commonName("accounts.accesscontrol.windows.net")
            .rsa2048()
            .build();
    RSAPublicKey key = (RSAPublicKey) held.keyPair().getPublic();
    String x5c = Base64.getEncoder().encodeToString(held.certificate().getEncoded());
    String jwks =
        "{\"keys\":["
            + rsaJwk(
                "kid-1",
                key,
                ",\"x5t\":\"kid-1\",\"x5c\":[\""
                    + x5c
                    + "\"],\"cloud_instance_name\":\"microsoftonline.com\","
                    + "\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\"")
            + "]}";

    List<SigningKey> keys = parse(jwks);

    assertThat(keys).hasSize(1);
    SigningKey first = keys.get(0);
    assertThat(first.id()).isEqualTo("kid-1");
    assertThat(first.publicKey()).isEqualTo(key);
    assertThat(first.keyBits()).isEqualTo(2048);
    assertThat(first.issuer()).isEqualTo("https://login.microsoftonline.com/{tenantid}/v2.0");
    assertThat(first.notAfter()).isEqualTo(held.certificate().getNotAfter().toInstant());
    assertThat(first.subject()).contains("accounts.accesscontrol.windows.net");
  }

  @Test
  void skipsKeysThatCannotSignEntraTokens() throws Exception {
    RSAPublicKey rsa = (RSAPublicKey) EntraTestTokens.rsa().getPublic();
    KeyPair small = smallRsa();
    String jwks =
        "{\"keys\":["
            + "{\"kty\":\"EC\",\"use\":\"sig\",\"kid\":\"ec\",\"crv\":\"P-256\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"},"
            + rsaJwk("enc", rsa, "").replace("\"sig\"", "\"enc\"")
            + ","
            + rsaJwk("short", (RSAPublicKey) small.getPublic(), "")
            + ",{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"!!\",\"e\":\"AQAB\"},"
            + "\"not an object\","
            + rsaJwk("good", rsa, "")
            + "]}";

    assertThat(parse(jwks)).extracting(SigningKey::id).containsExactly("good");
  }

  @Test
  void aJwksWithoutUsableKeysIsAnError() {
    assertThatThrownBy(() -> parse("{\"keys\":[]}"))
        .isInstanceOf(KeySourceException.class)
        .hasMessageContaining("no RSA signing key");
    assertThatThrownBy(() -> parse("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}"))
        .isInstanceOf(KeySourceException.class);
    assertThatThrownBy(() -> parse("{}")).isInstanceOf(KeySourceException.class);
    assertThatThrownBy(() -> parse("<html>")).isInstanceOf(KeySourceException.class);
  }

  private static KeyPair smallRsa() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    return generator.generateKeyPair();
  }
}
