package dev.identitybridge.exchange.control;

import dev.identitybridge.keys.control.KeySourceException;
import dev.identitybridge.keys.entity.SigningKey;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the signing certificates out of an Exchange authentication metadata document, each with the
 * document's {@code issuer}. Property names and the key type are compared case-insensitively
 * ({@code keyValue}, {@code x509certificate} occur); an unusable entry is skipped, a document
 * without a usable one is an error.
 */
public class MetadataDocumentParser {

  private static final Logger LOG = Logger.getLogger(MetadataDocumentParser.class.getName());

  /** Smaller RSA keys are refused: they can be factored. */
  public static final int MIN_RSA_BITS = 2048;

  private final JsonReaderFactory json = JsonProvider.provider().createReaderFactory(Map.of());

  /** A key entry that cannot be used, and why. */
  private static final class UnusableKey extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableKey(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * @return the usable certificates, in document order
   * @throws KeySourceException when the document is not JSON or lists no usable certificate
   */
  public List<SigningKey> parse(byte[] document) throws KeySourceException {
    JsonObject root;
    try (JsonReader reader = json.createReader(new ByteArrayInputStream(withoutBom(document)))) {
      root = reader.readObject();
    } catch (JsonException e) {
      throw new KeySourceException("The metadata document is not a JSON object: " + e.getMessage());
    }
    if (!(member(root, "keys") instanceof JsonArray keys)) {
      throw new KeySourceException("The metadata document has no keys array.");
    }
    CertificateFactory x509;
    try {
      x509 = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("Every Java runtime reads X.509 certificates", e);
    }
    // The realm the document's keys sign for ("…@*" for any); the validator holds tokens to it.
    String issuer = member(root, "issuer") instanceof JsonString text ? text.getString() : null;
    List<SigningKey> usable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      try {
        usable.add(certificate(x509, keys.get(i), issuer));
      } catch (UnusableKey e) {
        skipped.add("keys[" + i + "]: " + e.getMessage());
      }
    }
    if (usable.isEmpty()) {
      throw new KeySourceException(
          "The metadata document lists no usable signing certificate"
              + (skipped.isEmpty() ? "." : " (" + String.join("; ", skipped) + ")."));
    }
    skipped.forEach(reason -> LOG.warning(() -> "Metadata key skipped: " + reason));
    return List.copyOf(usable);
  }

  private static byte[] withoutBom(byte[] document) {
    boolean bom =
        document.length >= 3
            && (document[0] & 0xFF) == 0xEF
            && (document[1] & 0xFF) == 0xBB
            && (document[2] & 0xFF) == 0xBF;
    return bom ? Arrays.copyOfRange(document, 3, document.length) : document;
  }

  private static SigningKey certificate(CertificateFactory x509, JsonValue entry, String issuer)
      throws UnusableKey {
    if (!(entry instanceof JsonObject key)) {
      throw new UnusableKey("not a JSON object");
    }
    JsonValue usage = member(key, "usage");
    if (usage != null
        && !(usage instanceof JsonString text && text.getString().equalsIgnoreCase("signing"))) {
      throw new UnusableKey("usage is not signing");
    }
    String x5t = string(member(object(member(key, "keyinfo"), "keyinfo"), "x5t"), "keyinfo.x5t");
    JsonObject value = object(member(key, "keyvalue"), "keyvalue");
    String type = string(member(value, "type"), "keyvalue.type");
    if (!type.equalsIgnoreCase("x509Certificate")) {
      throw new UnusableKey("keyvalue.type is " + type + ", not x509Certificate");
    }
    X509Certificate certificate =
        x509Certificate(x509, string(member(value, "value"), "keyvalue.value"));
    String thumbprint = thumbprint(certificate);
    if (!thumbprint.equals(x5t)) {
      throw new UnusableKey(
          "keyinfo.x5t " + x5t + " is not the certificate's thumbprint " + thumbprint);
    }
    if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
      throw new UnusableKey("not an RSA key");
    }
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_RSA_BITS) {
      throw new UnusableKey(bits + "-bit RSA key, at least " + MIN_RSA_BITS + " bits required");
    }
    return new SigningKey(
        x5t,
        certificate.getSubjectX500Principal().getName(),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        bits,
        rsa,
        issuer);
  }

  private static X509Certificate x509Certificate(CertificateFactory x509, String base64)
      throws UnusableKey {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new UnusableKey("keyvalue.value is not base64");
    }
    try {
      return (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new UnusableKey("keyvalue.value is not an X.509 certificate");
    }
  }

  private static String thumbprint(X509Certificate certificate) throws UnusableKey {
    try {
      return SigningKey.x5t(certificate);
    } catch (CertificateEncodingException e) {
      throw new UnusableKey("the certificate cannot be encoded");
    }
  }

  /** The member with this name, compared case-insensitively; null when there is none. */
  private static JsonValue member(JsonObject object, String name) {
    JsonValue exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    return object.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static JsonObject object(JsonValue value, String name) throws UnusableKey {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new UnusableKey("no " + name + " object");
  }

  private static String string(JsonValue value, String name) throws UnusableKey {
    if (value instanceof JsonString text && !text.getString().isEmpty()) {
      return text.getString();
    }
    throw new UnusableKey("no " + name + " string");
  }
}
