package dev.identitybridge.keys.entity;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is known about one trusted metadata document at one moment. Immutable: a refresh replaces
 * the whole snapshot, so readers never lock.
 *
 * @param url the metadata URL as configured
 * @param certificates by thumbprint ({@code x5t}); the last good ones when the latest fetch failed
 * @param fetchedAt the last successful fetch, or null before the first
 * @param lastAttemptAt the last fetch, successful or not, or null before the first
 * @param lastError why the last fetch failed, or null when it succeeded
 * @param nextRefresh when the timer fetches next, or null before the first fetch
 */
public record MetadataSnapshot(
    String url,
    Map<String, SigningCertificate> certificates,
    Instant fetchedAt,
    Instant lastAttemptAt,
    String lastError,
    Instant nextRefresh) {

  public MetadataSnapshot {
    certificates = Map.copyOf(certificates);
  }

  public static MetadataSnapshot notFetched(String url) {
    return new MetadataSnapshot(url, Map.of(), null, null, null, null);
  }

  public Optional<RSAPublicKey> publicKey(String x5t) {
    return Optional.ofNullable(certificates.get(x5t)).map(SigningCertificate::publicKey);
  }

  /** The document as just fetched: its certificates replace the old ones. */
  public MetadataSnapshot loaded(
      Collection<SigningCertificate> fetched, Instant at, Instant nextRefresh) {
    Map<String, SigningCertificate> byThumbprint = new LinkedHashMap<>();
    fetched.forEach(certificate -> byThumbprint.putIfAbsent(certificate.x5t(), certificate));
    return new MetadataSnapshot(url, byThumbprint, at, at, null, nextRefresh);
  }

  /** A failed fetch: the last good certificates stay in use. */
  public MetadataSnapshot failed(String error, Instant at, Instant nextRefresh) {
    return new MetadataSnapshot(url, certificates, fetchedAt, at, error, nextRefresh);
  }
}
