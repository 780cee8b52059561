package dev.identitybridge.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

  @Test
  void encodesDatesFrom2050OnAsGeneralizedTimeAndLongNames() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair keys = rsa.generateKeyPair();
    String name = "x".repeat(300);
    Instant from = Instant.parse("2049-12-31T23:59:59Z");
    Instant until = Instant.parse("2050-01-01T00:00:00Z");

    X509Certificate certificate = SelfSignedCertificate.create(keys, name, from, until);

    certificate.verify(keys.getPublic());
    assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(from);
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(until);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
    assertThat(certificate.getSerialNumber()).isPositive();
  }
}
