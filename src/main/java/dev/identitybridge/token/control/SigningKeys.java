package dev.identitybridge.token.control;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** Where the validator gets the public key that must have signed a token. */
@FunctionalInterface
public interface SigningKeys {

  /**
   * The key of the certificate with this thumbprint in the metadata document at this URL. When the
   * thumbprint is unknown the implementation may refresh the document once before answering.
   *
   * @param metadataUrl a trusted metadata URL in {@link
   *     dev.identitybridge.token.entity.NormalizedUrl#text()} form
   * @param x5t the base64url SHA-1 thumbprint of the signing certificate
   * @return the key, or empty when the document does not list that certificate
   * @throws MetadataUnavailableException when no key of that document is known and it cannot be
   *     fetched
   */
  Optional<RSAPublicKey> find(String metadataUrl, String x5t);
}
