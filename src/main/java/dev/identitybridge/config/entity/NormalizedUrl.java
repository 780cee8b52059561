package dev.identitybridge.config.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An http(s) URL in the form it is compared in: scheme and host lower-cased, the default port made
 * explicit, an empty path written as {@code /}, no fragment. {@code https://Mail.Example.com/x} and
 * {@code https://mail.example.com:443/x} are the same URL.
 *
 * @param query the raw query, or null when there is none
 */
public record NormalizedUrl(String scheme, String host, int port, String path, String query) {

  /** The URL, or empty when it is not an absolute http(s) URL with a host and without user info. */
  public static Optional<NormalizedUrl> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      return Optional.empty();
    }
    // user info makes https://trusted.example@other.example/ look like the trusted host to a reader
    if (uri.getRawUserInfo() != null) {
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort;
    switch (scheme) {
      case "https" -> defaultPort = 443;
      case "http" -> defaultPort = 80;
      default -> {
        return Optional.empty();
      }
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return Optional.of(
        new NormalizedUrl(
            scheme,
            uri.getHost().toLowerCase(Locale.ROOT),
            uri.getPort() == -1 ? defaultPort : uri.getPort(),
            path,
            uri.getRawQuery()));
  }

  public boolean isHttps() {
    return "https".equals(scheme);
  }

  /** {@code scheme://host:port/path?query}: equal strings mean the same resource. */
  public String text() {
    return query == null ? withoutQuery() : withoutQuery() + "?" + query;
  }

  /** {@code scheme://host:port/path}, for comparisons that ignore the query. */
  public String withoutQuery() {
    return scheme + "://" + host + ":" + port + path;
  }
}
