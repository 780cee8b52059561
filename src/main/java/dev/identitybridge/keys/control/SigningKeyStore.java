package dev.identitybridge.keys.control;

import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.keys.entity.KeyFetched;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.TokenCache;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signing keys of every trusted source, one immutable snapshot per source. Readers never lock.
 * Concurrent misses on one source share one fetch; a miss forces at most one refresh per source and
 * forced-refresh interval; a failed fetch keeps the last good keys. Only the sources that the
 * {@link KeySources} beans contributed are ever fetched.
 */
@ApplicationScoped
public class SigningKeyStore implements SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeyStore.class.getName());

  /** One trusted source: its snapshot, and the fetch running for it, if any. */
  private static final class Source {
    final KeySource origin;
    final AtomicReference<KeySnapshot> snapshot;
    final AtomicReference<Fetching> fetching = new AtomicReference<>(new Fetching(null, null));

    Source(KeySource origin) {
      this.origin = origin;
      this.snapshot =
          new AtomicReference<>(
              KeySnapshot.notFetched(origin.location().toString(), origin.label()));
    }
  }

  /**
   * Swapped as one value, so deciding to fetch and announcing the fetch cannot be split by another
   * thread.
   *
   * @param inFlight the running fetch, or null
   * @param lastStart when the last fetch started, or null before the first
   */
  private record Fetching(CompletableFuture<KeySnapshot> inFlight, Instant lastStart) {}

  private final Map<String, Source> sources;
  private final Clock clock;
  private final Duration forcedRefreshInterval;
  private final Duration refreshInterval;

  @Inject AuditLog audit;

  /** Told when a source stops listing a key, or lists another key under the same id. */
  private volatile TokenCache verifiedTokens;

  /** Told every finished fetch (metrics); absent outside a container. */
  @Inject Event<KeyFetched> fetches;

  /** For the container's client proxy only. */
  protected SigningKeyStore() {
    this.sources = Map.of();
    this.clock = null;
    this.forcedRefreshInterval = null;
    this.refreshInterval = null;
  }

  @Inject
  public SigningKeyStore(
      @Any Instance<KeySources> contributors, Configuration configuration, Clock clock) {
    this(
        contributors.stream().flatMap(c -> c.keySources().stream()).toList(),
        clock,
        configuration.forcedRefreshInterval(),
        configuration.refreshInterval());
  }

  /**
   * @param trusted the only sources ever fetched
   * @param forcedRefreshInterval the least time between two fetches forced by unknown key ids
   * @param refreshInterval the timer's period, to show when the next refresh is due
   */
  public SigningKeyStore(
      List<KeySource> trusted,
      Clock clock,
      Duration forcedRefreshInterval,
      Duration refreshInterval) {
    Map<String, Source> byId = new LinkedHashMap<>();
    for (KeySource source : trusted) {
      byId.putIfAbsent(source.id(), new Source(source));
    }
    this.sources = Collections.unmodifiableMap(byId);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.forcedRefreshInterval = Objects.requireNonNull(forcedRefreshInterval);
    this.refreshInterval = Objects.requireNonNull(refreshInterval);
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "The refresh interval must be positive: " + refreshInterval);
    }
    if (forcedRefreshInterval.isNegative()) {
      throw new IllegalArgumentException(
          "The forced refresh interval must not be negative: " + forcedRefreshInterval);
    }
  }

  /**
   * From now on, the cache forgets every verified token whenever a source withdraws or replaces a
   * key: those tokens may have been verified with it. Rare (a refresh at most hourly, or an unknown
   * key id), so the whole cache goes rather than tracking which key verified what.
   */
  @Inject
  public void invalidates(TokenCache cache) {
    this.verifiedTokens = cache;
  }

  /** The ids of the trusted sources of this kind, in the order they were contributed. */
  public List<String> sources(TokenKind kind) {
    return sources.values().stream()
        .map(source -> source.origin)
        .filter(origin -> origin.kind() == kind)
        .map(KeySource::id)
        .toList();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A miss waits for the fetch already running for that URL, or starts one unless one started
   * less than the forced-refresh interval ago.
   */
  @Override
  public Optional<SigningKey> find(String sourceId, String keyId) {
    Source source = sources.get(sourceId);
    if (source == null) {
      return Optional.empty();
    }
    Optional<SigningKey> key = source.snapshot.get().key(keyId);
    if (key.isPresent()) {
      return key;
    }
    KeySnapshot latest =
        fetch(source, true, false).map(CompletableFuture::join).orElseGet(source.snapshot::get);
    key = latest.key(keyId);
    if (key.isEmpty() && latest.keys().isEmpty()) {
      throw new KeysUnavailableException(
          latest.lastError() == null
              ? "No signing key of " + latest.source() + " is known yet"
              : latest.lastError());
    }
    return key;
  }

  /** The timer's run: fetches every trusted document; the next run is one interval away. */
  public List<KeySnapshot> refreshOnSchedule() {
    return refreshAll(true);
  }

  /** Fetches every trusted source now; the timer keeps its schedule. */
  public List<KeySnapshot> refreshNow() {
    return refreshAll(false);
  }

  /** Fetches every trusted source now at an admin's request, and audits it. */
  public List<KeySnapshot> refreshNow(String actor) {
    List<KeySnapshot> refreshed = refreshNow();
    long failed = refreshed.stream().filter(s -> s.lastError() != null).count();
    audit.recordAlone(
        actor,
        AuditAction.METADATA_REFRESHED,
        "key sources",
        refreshed.size() + " source(s), " + failed + " failed");
    return refreshed;
  }

  private List<KeySnapshot> refreshAll(boolean scheduled) {
    return sources.values().stream()
        .map(source -> fetch(source, false, scheduled).orElseThrow().join())
        .toList();
  }

  /** The current state of every trusted source, in the order contributed, for the admin page. */
  public List<KeySnapshot> snapshots() {
    return sources.values().stream().map(source -> source.snapshot.get()).toList();
  }

  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * Joins the fetch running for this source, or starts one in this thread. A forced fetch is
   * refused (empty) when the last one started less than the forced-refresh interval ago.
   */
  private Optional<CompletableFuture<KeySnapshot>> fetch(
      Source source, boolean forced, boolean scheduled) {
    while (true) {
      Fetching current = source.fetching.get();
      if (current.inFlight() != null) {
        return Optional.of(current.inFlight());
      }
      Instant now = clock.instant();
      if (forced
          && current.lastStart() != null
          && now.isBefore(current.lastStart().plus(forcedRefreshInterval))) {
        return Optional.empty();
      }
      CompletableFuture<KeySnapshot> mine = new CompletableFuture<>();
      if (source.fetching.compareAndSet(current, new Fetching(mine, now))) {
        run(source, mine, now, scheduled);
        return Optional.of(mine);
      }
    }
  }

  private void run(
      Source source, CompletableFuture<KeySnapshot> result, Instant started, boolean scheduled) {
    KeySnapshot before = source.snapshot.get();
    KeySnapshot after = before;
    long startedNanos = System.nanoTime();
    Instant next =
        scheduled || before.nextRefresh() == null
            ? started.plus(refreshInterval)
            : before.nextRefresh();
    try {
      List<SigningKey> keys = source.origin.keys();
      after = before.loaded(keys, started, next);
      if (withdrawsKeys(before, after) && verifiedTokens != null) {
        // After the new snapshot is visible, so no validation can find a withdrawn key again.
        source.snapshot.set(after);
        verifiedTokens.invalidateAll();
        LOG.info(
            () ->
                "Signing keys of "
                    + source.origin.location()
                    + " were withdrawn or replaced:"
                    + " verified tokens forgotten");
      }
      LOG.info(
          () ->
              "Loaded "
                  + keys.size()
                  + " signing key(s) from "
                  + source.origin.location()
                  + ": "
                  + keys.stream().map(SigningKey::id).toList());
    } catch (KeySourceException e) {
      after = before.failed(e.getMessage(), started, next);
      LOG.warning(() -> failureMessage(before, e.getMessage()));
    } catch (RuntimeException e) {
      after = before.failed("Unexpected error: " + e, started, next);
      LOG.log(Level.WARNING, failureMessage(before, e.toString()), e);
    } finally {
      // Whatever happened, waiting readers must be released and the next fetch allowed.
      source.snapshot.set(after);
      source.fetching.set(new Fetching(null, started));
      result.complete(after);
      tell(
          new KeyFetched(
              before.source(), after.lastError() == null, System.nanoTime() - startedNanos));
    }
  }

  /** Counting a fetch must never fail the request that waited for it. */
  private void tell(KeyFetched fetch) {
    if (fetches == null) {
      return;
    }
    try {
      fetches.fire(fetch);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "An observer of key fetches failed", e);
    }
  }

  private static boolean withdrawsKeys(KeySnapshot before, KeySnapshot after) {
    return before.keys().entrySet().stream()
        .anyMatch(
            old -> {
              SigningKey now = after.keys().get(old.getKey());
              return !old.getValue().equals(now);
            });
  }

  private static String failureMessage(KeySnapshot before, String error) {
    return "Refreshing "
        + before.source()
        + " failed, "
        + (before.keys().isEmpty()
            ? "no signing key known"
            : "still using the keys fetched at " + before.fetchedAt())
        + ": "
        + error;
  }
}
