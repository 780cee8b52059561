package dev.identitybridge.keys.entity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A token-signing key from a key source, decoded once.
 *
 * @param id how tokens name it: Exchange's {@code x5t} (checked against the certificate itself) or
 *     the JWKS {@code kid}
 * @param subject the certificate's subject, for the admin page, or null
 * @param notBefore the certificate's start, or null when the key comes without one
 * @param notAfter the certificate's end, or null when the key comes without one
 * @param issuer the issuer the key may sign for (the JWKS {@code issuer}), or null for any
 */
public record SigningKey(
    String id,
    String subject,
    Instant notBefore,
    Instant notAfter,
    int keyBits,
    RSAPublicKey publicKey,
    String issuer) {

  /** A key without an issuer of its own, as Exchange's metadata documents list them. */
  public SigningKey(
      String id,
      String subject,
      Instant notBefore,
      Instant notAfter,
      int keyBits,
      RSAPublicKey publicKey) {
    this(id, subject, notBefore, notAfter, keyBits, publicKey, null);
  }

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
