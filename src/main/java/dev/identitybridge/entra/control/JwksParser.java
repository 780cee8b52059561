package dev.identitybridge.entra.control;

import com.auth0.jwk.InvalidPublicKeyException;
import com.auth0.jwk.Jwk;
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
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON Web Key Set as Entra ID publishes it: the RSA signing keys, each with its {@code
 * kid} and the {@code issuer} it may sign for. Keys of another type, for another use or shorter
 * than 2048 bits are skipped. Plain Java; the keys themselves are decoded by jwks-rsa.
 */
public final class JwksParser {

  static final int MIN_KEY_BITS = 2048;

  // Looked up once: JsonProvider.provider() searches the class path on every call.
  private static final JsonReaderFactory JSON =
      JsonProvider.provider().createReaderFactory(Map.of());

  /**
   * @return the usable signing keys, at least one
   * @throws KeySourceException when the document is not a JWKS or lists no usable key
   */
  public List<SigningKey> parse(byte[] document) throws KeySourceException {
    JsonObject jwks;
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(document))) {
      jwks = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new KeySourceException("The JWKS is not a JSON object");
    }
    if (!(jwks.get("keys") instanceof JsonArray keys)) {
      throw new KeySourceException("The JWKS has no keys array");
    }
    List<SigningKey> usable = new ArrayList<>();
    for (JsonValue entry : keys) {
      if (entry instanceof JsonObject key) {
        signingKey(key).ifPresent(usable::add);
      }
    }
    if (usable.isEmpty()) {
      throw new KeySourceException("The JWKS lists no RSA signing key of at least 2048 bits");
    }
    return List.copyOf(usable);
  }

  private static Optional<SigningKey> signingKey(JsonObject json) {
    Jwk jwk;
    try {
      jwk = Jwk.fromValues(values(json));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean signing = jwk.getUsage() == null || jwk.getUsage().equals("sig");
    if (!"RSA".equals(jwk.getType()) || !signing || jwk.getId() == null) {
      return Optional.empty();
    }
    RSAPublicKey publicKey;
    try {
      publicKey = (RSAPublicKey) jwk.getPublicKey();
    } catch (InvalidPublicKeyException | RuntimeException e) {
      return Optional.empty();
    }
    int bits = publicKey.getModulus().bitLength();
    if (bits < MIN_KEY_BITS) {
      return Optional.empty();
    }
    X509Certificate certificate = certificate(jwk.getCertificateChain());
    return Optional.of(
        new SigningKey(
            jwk.getId(),
            certificate == null ? null : certificate.getSubjectX500Principal().getName(),
            certificate == null ? null : certificate.getNotBefore().toInstant(),
            certificate == null ? null : certificate.getNotAfter().toInstant(),
            bits,
            publicKey,
            jwk.getAdditionalAttributes().get("issuer") instanceof String issuer ? issuer : null));
  }

  /** The key's members as jwks-rsa takes them: strings, and lists of strings. */
  private static Map<String, Object> values(JsonObject json) {
    Map<String, Object> values = new LinkedHashMap<>();
    json.forEach(
        (name, value) -> {
          if (value instanceof JsonString text) {
            values.put(name, text.getString());
          } else if (value instanceof JsonArray array) {
            values.put(
                name,
                array.stream()
                    .filter(JsonString.class::isInstance)
                    .map(item -> ((JsonString) item).getString())
                    .toList());
          }
        });
    return values;
  }

  /** The first certificate of {@code x5c}, for the admin page's dates; null when absent or bad. */
  private static X509Certificate certificate(List<String> chain) {
    if (chain == null || chain.isEmpty()) {
      return null;
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(chain.get(0));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }
}
