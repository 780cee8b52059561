package dev.identitybridge.entra.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.keys.control.HttpsFetcher;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.KeySources;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Entra ID's JWKS as a key source, while a real Entra app is configured: fetched over HTTPS (with
 * the admin's extra TLS trust) and read by the {@link JwksParser}. Its keys never pin a tenant.
 */
@ApplicationScoped
public class EntraKeySet implements KeySources {

  static final String LABEL = "Entra ID signing keys (JWKS)";

  @Inject Configuration configuration;

  @Override
  public List<KeySource> keySources() {
    if (!configuration.entraConfigured()) {
      return List.of();
    }
    HttpsFetcher fetcher = new HttpsFetcher(configuration.entraJwksTrustPem());
    JwksParser parser = new JwksParser();
    return List.of(
        KeySource.at(
            configuration.entraJwksUrl(),
            TokenKind.ENTRA_ACCESS,
            LABEL,
            location -> parser.parse(fetcher.fetch(location))));
  }

  /** The store's id of the configured JWKS. */
  static String sourceId(Configuration configuration) {
    return KeySource.httpsUrl(configuration.entraJwksUrl()).text();
  }
}
