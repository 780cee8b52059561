package dev.identitybridge.keys.entity;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is known about one trusted key source at one moment. Immutable: a refresh replaces the whole
 * snapshot, so readers never lock.
 *
 * @param source the source's id (its URL)
 * @param label what the admin page calls the source
 * @param keys by key id; the last good ones when the latest fetch failed
 * @param fetchedAt the last successful fetch, or null before the first
 * @param lastAttemptAt the last fetch, successful or not, or null before the first
 * @param lastError why the last fetch failed, or null when it succeeded
 * @param nextRefresh when the timer fetches next, or null before the first fetch
 */
public record KeySnapshot(
    String source,
    String label,
    Map<String, SigningKey> keys,
    Instant fetchedAt,
    Instant lastAttemptAt,
    String lastError,
    Instant nextRefresh) {

  public KeySnapshot {
    keys = Map.copyOf(keys);
  }

  public static KeySnapshot notFetched(String source, String label) {
    return new KeySnapshot(source, label, Map.of(), null, null, null, null);
  }

  public Optional<SigningKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The source as just fetched: its keys replace the old ones. */
  public KeySnapshot loaded(Collection<SigningKey> fetched, Instant at, Instant nextRefresh) {
    Map<String, SigningKey> byId = new LinkedHashMap<>();
    fetched.forEach(key -> byId.putIfAbsent(key.id(), key));
    return new KeySnapshot(source, label, byId, at, at, null, nextRefresh);
  }

  /** A failed fetch: the last good keys stay in use. */
  public KeySnapshot failed(String error, Instant at, Instant nextRefresh) {
    return new KeySnapshot(source, label, keys, fetchedAt, at, error, nextRefresh);
  }
}
