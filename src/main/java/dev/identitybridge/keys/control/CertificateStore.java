package dev.identitybridge.keys.control;

import dev.identitybridge.keys.entity.MetadataSnapshot;
import dev.identitybridge.keys.entity.SigningCertificate;
import dev.identitybridge.token.control.ExchangeTokenValidator;
import dev.identitybridge.token.control.ExchangeTokens;
import dev.identitybridge.token.control.MetadataUnavailableException;
import dev.identitybridge.token.control.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The signing certificates of the trusted metadata documents, one immutable snapshot per URL.
 * Readers never lock. Concurrent misses on one URL share one fetch; a miss forces at most one
 * refresh per URL and forced-refresh interval; a failed fetch keeps the last good certificates. A
 * URL that is not configured is never fetched.
 */
@ApplicationScoped
public class CertificateStore implements SigningKeys {

  private static final Logger LOG = Logger.getLogger(CertificateStore.class.getName());

  /** Loads the signing certificates a metadata document lists. */
  @FunctionalInterface
  public interface Fetch {
    List<SigningCertificate> certificates(URI metadataUrl) throws MetadataException;
  }

  /** One trusted document: its snapshot, and the fetch running for it, if any. */
  private static final class Source {
    final URI location;
    final AtomicReference<MetadataSnapshot> snapshot;
    final AtomicReference<Fetching> fetching = new AtomicReference<>(new Fetching(null, null));

    Source(String configured) {
      this.location = URI.create(configured);
      this.snapshot = new AtomicReference<>(MetadataSnapshot.notFetched(configured));
    }
  }

  /**
   * Swapped as one value, so deciding to fetch and announcing the fetch cannot be split by another
   * thread.
   *
   * @param inFlight the running fetch, or null
   * @param lastStart when the last fetch started, or null before the first
   */
  private record Fetching(CompletableFuture<MetadataSnapshot> inFlight, Instant lastStart) {}

  private final Map<String, Source> sources;
  private final Fetch fetch;
  private final Clock clock;
  private final Duration forcedRefreshInterval;
  private final Duration refreshInterval;

  /** For the container's client proxy only. */
  protected CertificateStore() {
    this.sources = Map.of();
    this.fetch = null;
    this.clock = null;
    this.forcedRefreshInterval = null;
    this.refreshInterval = null;
  }

  @Inject
  public CertificateStore(
      @ConfigProperty(name = "identitybridge.exchange.trusted-metadata-urls")
          Optional<String> trustedMetadataUrls,
      @ConfigProperty(name = "identitybridge.exchange.metadata-trust-pem")
          Optional<String> metadataTrustPem,
      @ConfigProperty(name = "identitybridge.metadata.refresh-interval") Duration refreshInterval,
      @ConfigProperty(name = "identitybridge.metadata.forced-refresh-interval")
          Duration forcedRefreshInterval) {
    this(
        ExchangeTokens.commaSeparated(trustedMetadataUrls),
        overHttps(new MetadataClient(metadataTrustPem.map(String::strip).map(Path::of))),
        Clock.systemUTC(),
        forcedRefreshInterval,
        refreshInterval);
  }

  /**
   * @param trustedMetadataUrls the only URLs ever fetched; each must be https
   * @param forcedRefreshInterval the least time between two fetches forced by unknown thumbprints
   * @param refreshInterval the timer's period, to show when the next refresh is due
   */
  public CertificateStore(
      List<String> trustedMetadataUrls,
      Fetch fetch,
      Clock clock,
      Duration forcedRefreshInterval,
      Duration refreshInterval) {
    Map<String, Source> byUrl = new LinkedHashMap<>();
    for (String url : trustedMetadataUrls) {
      byUrl.putIfAbsent(ExchangeTokenValidator.trustedMetadataUrl(url).text(), new Source(url));
    }
    this.sources = Collections.unmodifiableMap(byUrl);
    this.fetch = Objects.requireNonNull(fetch, "fetch");
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

  static Fetch overHttps(MetadataClient client) {
    MetadataDocumentParser parser = new MetadataDocumentParser();
    return url -> parser.parse(client.fetch(url));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A miss waits for the fetch already running for that URL, or starts one unless one started
   * less than the forced-refresh interval ago.
   */
  @Override
  public Optional<RSAPublicKey> find(String metadataUrl, String x5t) {
    Source source = sources.get(metadataUrl);
    if (source == null) {
      return Optional.empty();
    }
    Optional<RSAPublicKey> key = source.snapshot.get().publicKey(x5t);
    if (key.isPresent()) {
      return key;
    }
    MetadataSnapshot latest =
        fetch(source, true, false).map(CompletableFuture::join).orElseGet(source.snapshot::get);
    key = latest.publicKey(x5t);
    if (key.isEmpty() && latest.certificates().isEmpty()) {
      throw new MetadataUnavailableException(
          latest.lastError() == null
              ? "No signing certificate of " + latest.url() + " is known yet"
              : latest.lastError());
    }
    return key;
  }

  /** The timer's run: fetches every trusted document; the next run is one interval away. */
  public List<MetadataSnapshot> refreshOnSchedule() {
    return refreshAll(true);
  }

  /** Fetches every trusted document now, for the admin page; the timer keeps its schedule. */
  public List<MetadataSnapshot> refreshNow() {
    return refreshAll(false);
  }

  private List<MetadataSnapshot> refreshAll(boolean scheduled) {
    return sources.values().stream()
        .map(source -> fetch(source, false, scheduled).orElseThrow().join())
        .toList();
  }

  /** The current state of every trusted document, in configuration order, for the admin page. */
  public List<MetadataSnapshot> snapshots() {
    return sources.values().stream().map(source -> source.snapshot.get()).toList();
  }

  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * Joins the fetch running for this source, or starts one in this thread. A forced fetch is
   * refused (empty) when the last one started less than the forced-refresh interval ago.
   */
  private Optional<CompletableFuture<MetadataSnapshot>> fetch(
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
      CompletableFuture<MetadataSnapshot> mine = new CompletableFuture<>();
      if (source.fetching.compareAndSet(current, new Fetching(mine, now))) {
        run(source, mine, now, scheduled);
        return Optional.of(mine);
      }
    }
  }

  private void run(
      Source source,
      CompletableFuture<MetadataSnapshot> result,
      Instant started,
      boolean scheduled) {
    MetadataSnapshot before = source.snapshot.get();
    MetadataSnapshot after = before;
    Instant next =
        scheduled || before.nextRefresh() == null
            ? started.plus(refreshInterval)
            : before.nextRefresh();
    try {
      List<SigningCertificate> certificates = fetch.certificates(source.location);
      after = before.loaded(certificates, started, next);
      LOG.info(
          () ->
              "Loaded "
                  + certificates.size()
                  + " signing certificate(s) from "
                  + source.location
                  + ": "
                  + certificates.stream().map(SigningCertificate::x5t).toList());
    } catch (MetadataException e) {
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
    }
  }

  private static String failureMessage(MetadataSnapshot before, String error) {
    return "Metadata refresh failed, "
        + (before.certificates().isEmpty()
            ? "no signing certificate known"
            : "still using the certificates fetched at " + before.fetchedAt())
        + ": "
        + error;
  }
}
