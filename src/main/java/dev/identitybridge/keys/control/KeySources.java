package dev.identitybridge.keys.control;

import java.util.List;

/**
 * A CDI bean that contributes trusted key sources to the {@link SigningKeyStore}: one per issuer
 * kind, and one for each pretend issuer. The store collects every such bean at start-up.
 */
public interface KeySources {

  /** The sources to trust; empty when the kind is off. */
  List<KeySource> keySources();
}
