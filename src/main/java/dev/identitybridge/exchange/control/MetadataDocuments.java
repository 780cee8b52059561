package dev.identitybridge.exchange.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.keys.control.HttpsFetcher;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.KeySources;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The configured Exchange metadata documents as key sources: fetched over HTTPS (with the admin's
 * extra TLS trust) and read by the {@link MetadataDocumentParser}.
 */
@ApplicationScoped
public class MetadataDocuments implements KeySources {

  static final String LABEL = "Exchange metadata document";

  @Inject Configuration configuration;

  @Override
  public List<KeySource> keySources() {
    List<String> urls = configuration.trustedMetadataUrls();
    if (urls.isEmpty()) {
      return List.of();
    }
    HttpsFetcher fetcher = new HttpsFetcher(configuration.metadataTrustPem());
    MetadataDocumentParser parser = new MetadataDocumentParser();
    return urls.stream()
        .map(
            url ->
                KeySource.at(
                    url,
                    TokenKind.EXCHANGE_IDENTITY,
                    LABEL,
                    location -> parser.parse(fetcher.fetch(location))))
        .toList();
  }
}
