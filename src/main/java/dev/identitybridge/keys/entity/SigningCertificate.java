package dev.identitybridge.keys.entity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A token-signing certificate from an Exchange metadata document, its key decoded once.
 *
 * @param x5t the base64url SHA-1 thumbprint, checked against the certificate itself
 * @param subject the subject's distinguished name, for the admin page
 */
public record SigningCertificate(
    String x5t,
    String subject,
    Instant notBefore,
    Instant notAfter,
    int keyBits,
    RSAPublicKey publicKey) {

  /** base64url(SHA-1(DER)) without padding: the form of {@code x5t}. */
  public static String x5t(X509Certificate certificate) throws CertificateEncodingException {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-1", e);
    }
  }
}
