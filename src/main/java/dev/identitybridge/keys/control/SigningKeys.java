package dev.identitybridge.keys.control;

import dev.identitybridge.keys.entity.SigningKey;
import java.util.Optional;

/** Where a validator gets the public key that must have signed a token. */
@FunctionalInterface
public interface SigningKeys {

  /**
   * The key with this id from this source. When the id is unknown the implementation may refresh
   * the source once before answering.
   *
   * @param source a trusted source's {@link KeySource#id()}
   * @param keyId the key's id in that source (Exchange: {@code x5t}; Entra: {@code kid})
   * @return the key, or empty when the source does not list it
   * @throws KeysUnavailableException when no key of that source is known and it cannot be fetched
   */
  Optional<SigningKey> find(String source, String keyId);
}
