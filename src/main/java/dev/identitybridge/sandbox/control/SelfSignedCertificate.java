package dev.identitybridge.sandbox.control;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Makes a self-signed X.509 v3 certificate for an RSA key pair, signed SHA256withRSA, without
 * extensions: all that a metadata document's reader needs. The JDK reads certificates but has no
 * public API to make one, and a DER encoder of this size costs less than a cryptography library in
 * the WAR. The JDK parses the result, so a mistake here fails loudly.
 */
final class SelfSignedCertificate {

  private static final int SEQUENCE = 0x30;
  private static final int SET = 0x31;
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;
  private static final int UTF8_STRING = 0x0C;
  private static final int UTC_TIME = 0x17;
  private static final int GENERALIZED_TIME = 0x18;
  private static final int EXPLICIT_0 = 0xA0;

  /** AlgorithmIdentifier { sha256WithRSAEncryption (1.2.840.113549.1.1.11), NULL }. */
  private static final byte[] SHA256_WITH_RSA =
      HexFormat.of().parseHex("300d06092a864886f70d01010b0500");

  /** The OID of the commonName attribute (2.5.4.3). */
  private static final byte[] COMMON_NAME = HexFormat.of().parseHex("0603550403");

  private static final DateTimeFormatter UTC_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private SelfSignedCertificate() {}

  /** A certificate for the key pair's public key, issued by and to {@code CN=commonName}. */
  static X509Certificate create(
      KeyPair keys, String commonName, Instant notBefore, Instant notAfter) {
    byte[] name = der(SEQUENCE, der(SET, der(SEQUENCE, COMMON_NAME, utf8(commonName))));
    byte[] tbs =
        der(
            SEQUENCE,
            der(EXPLICIT_0, der(INTEGER, new byte[] {2})), // v3
            der(INTEGER, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
            SHA256_WITH_RSA,
            name,
            der(SEQUENCE, time(notBefore), time(notAfter)),
            name,
            keys.getPublic().getEncoded()); // already a DER SubjectPublicKeyInfo
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(keys.getPrivate());
      rs256.update(tbs);
      byte[] signature = rs256.sign();
      byte[] bits = new byte[signature.length + 1]; // the first byte: no unused bits
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] certificate = der(SEQUENCE, tbs, SHA256_WITH_RSA, der(BIT_STRING, bits));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make the sandbox's certificate: " + e, e);
    }
  }

  private static byte[] utf8(String text) {
    return der(UTF8_STRING, text.getBytes(UTF_8));
  }

  /** X.509 asks for UTCTime up to 2049 and GeneralizedTime from 2050 on. */
  private static byte[] time(Instant instant) {
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year < 2050
        ? der(UTC_TIME, UTC_TIME_FORMAT.format(instant).getBytes(US_ASCII))
        : der(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(instant).getBytes(US_ASCII));
  }

  /** One DER element: tag, definite length, the parts' bytes one after the other. */
  private static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    ByteArrayOutputStream element = new ByteArrayOutputStream();
    element.write(tag);
    int length = content.size();
    if (length < 0x80) {
      element.write(length);
    } else {
      int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      element.write(0x80 | octets);
      for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
        element.write(length >>> shift);
      }
    }
    element.writeBytes(content.toByteArray());
    return element.toByteArray();
  }
}
