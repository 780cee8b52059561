package dev.identitybridge.keys.control;

import dev.identitybridge.config.entity.NormalizedUrl;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.TokenKind;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One place signing keys come from: an Exchange metadata document, Entra's JWKS, or a pretend
 * issuer inside this server. The store fetches it on the timer and on an unknown key id, and only
 * ever fetches the sources it was given.
 *
 * @param id the source's https URL in {@link NormalizedUrl#text()} form: how tokens name it
 * @param location where it is fetched from, as configured
 * @param kind the kind of token its keys sign
 * @param label what the admin page calls it
 * @param fetch loads its keys
 */
public record KeySource(String id, URI location, TokenKind kind, String label, Fetch fetch) {

  /** Loads a source's signing keys. */
  @FunctionalInterface
  public interface Fetch {
    List<SigningKey> keys(URI location) throws KeySourceException;
  }

  public KeySource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(fetch, "fetch");
  }

  /**
   * A source at an https URL.
   *
   * @throws IllegalArgumentException when the URL is not https
   */
  public static KeySource at(String url, TokenKind kind, String label, Fetch fetch) {
    return new KeySource(httpsUrl(url).text(), URI.create(url.strip()), kind, label, fetch);
  }

  /**
   * A pretend issuer's source inside this process: its one key is handed over, never fetched.
   *
   * @param url how its tokens name it; never fetched
   */
  public static KeySource inProcess(String url, TokenKind kind, String label, SigningKey key) {
    return at(url, kind, label, location -> List.of(key));
  }

  /**
   * The checked, compared form of a source's URL.
   *
   * @throws IllegalArgumentException when it is not an https URL
   */
  public static NormalizedUrl httpsUrl(String url) {
    return NormalizedUrl.parse(url)
        .filter(NormalizedUrl::isHttps)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Not an https URL, so it cannot be a trusted key source: " + url));
  }

  List<SigningKey> keys() throws KeySourceException {
    return fetch.keys(location);
  }
}
