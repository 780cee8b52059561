package dev.identitybridge.operations.control;

import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.audit.entity.Audited;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.KeyFetched;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.ValidationOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's meters in one Prometheus registry: validations by kind and outcome, key
 * fetches, key ages and certificate ends, links, lock-outs, HTTP and the JVM. Label values come
 * from closed sets (kinds, reason codes, configured sources), never from a caller.
 */
@ApplicationScoped
public class Meters {

  private static final Logger LOG = Logger.getLogger(Meters.class.getName());

  /** Stands for a token whose shape matched no kind. */
  static final String UNKNOWN_KIND = "unknown";

  @Inject SigningKeyStore keys;
  @Inject Overview overview;
  @Inject Clock clock;

  /** How many usernames and clients are locked out now, read from the database at each scrape. */
  private LongSupplier lockedOut;

  private PrometheusMeterRegistry registry;
  private JvmGcMetrics gc;
  private MultiGauge keyAges;
  private MultiGauge certificateEnds;
  private Counter linkCreations;
  private Counter linkRemovals;
  private Counter lockouts;
  private volatile double lockedOutNow = Double.NaN;

  /** For tests: meters over the given key store and lock-out count without a container. */
  public static Meters over(SigningKeyStore keys, LongSupplier lockedOut, Clock clock) {
    Meters meters = new Meters();
    meters.keys = keys;
    meters.clock = clock;
    meters.lockedOut = lockedOut;
    meters.init();
    return meters;
  }

  @PostConstruct
  void init() {
    if (lockedOut == null) {
      lockedOut = () -> overview.lockedOut(clock.instant());
    }
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    keyAges =
        MultiGauge.builder("identitybridge.key.source.age")
            .description("Seconds since the source's keys were last fetched successfully")
            .baseUnit("seconds")
            .register(registry);
    certificateEnds =
        MultiGauge.builder("identitybridge.signing.certificate.expiry")
            .description("Days until each signing certificate ends (negative: ended)")
            .baseUnit("days")
            .register(registry);
    linkCreations =
        Counter.builder("identitybridge.link.creations")
            .description("Identity links created")
            .register(registry);
    linkRemovals =
        Counter.builder("identitybridge.link.removals")
            .description("Identity links removed, by their users or by an admin")
            .register(registry);
    lockouts =
        Counter.builder("identitybridge.lockouts")
            .description(
                "Lock-outs set: a username (admin sign-in or mailbox linking) or a client address"
                    + " reached its limit of failed attempts")
            .register(registry);
    Gauge.builder("identitybridge.lockouts.active", this, meters -> meters.lockedOutNow)
        .description(
            "Usernames and client addresses locked out now, from the database that every instance"
                + " shares (so every instance reports the same number)")
        .register(registry);
  }

  @PreDestroy
  void close() {
    gc.close();
    registry.close();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The Prometheus text exposition, with the key gauges read from the current snapshots and the
   * lock-outs from the database.
   */
  public String scrape() {
    refreshKeyGauges();
    refreshLockouts();
    return registry.scrape();
  }

  void validated(@Observes ValidationOutcome outcome) {
    String kind = outcome.kind() == null ? UNKNOWN_KIND : outcome.kind().code();
    Counter.builder("identitybridge.token.validations")
        .description("Tokens validated, by kind and outcome (valid or the reason code)")
        .tags("kind", kind, "outcome", outcome.outcome())
        .register(registry)
        .increment();
    Timer.builder("identitybridge.token.validation")
        .description("How long validating a token took")
        .tags("kind", kind)
        .register(registry)
        .record(outcome.nanos(), TimeUnit.NANOSECONDS);
  }

  void fetched(@Observes KeyFetched fetch) {
    String outcome = fetch.succeeded() ? "success" : "failure";
    Counter.builder("identitybridge.key.fetches")
        .description("Fetches of key sources, by source and outcome")
        .tags("source", fetch.source(), "outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("identitybridge.key.fetch")
        .description("How long fetching a key source took")
        .tags("source", fetch.source(), "outcome", outcome)
        .register(registry)
        .record(fetch.nanos(), TimeUnit.NANOSECONDS);
  }

  void audited(@Observes(during = TransactionPhase.AFTER_SUCCESS) Audited event) {
    if (event.action() == AuditAction.LINK_CREATED) {
      linkCreations.increment();
    } else if (event.action() == AuditAction.LINK_REMOVED) {
      linkRemovals.increment();
    } else if (event.action() == AuditAction.LOCKED_OUT) {
      lockouts.increment();
    }
  }

  public void httpRequest(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests, by method, route and status")
        .tags("method", method, "uri", route, "status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A database that cannot be reached leaves the gauge empty (NaN), not the whole scrape. */
  private void refreshLockouts() {
    try {
      lockedOutNow = lockedOut.getAsLong();
    } catch (RuntimeException e) {
      lockedOutNow = Double.NaN;
      LOG.log(Level.FINE, "Could not count the lock-outs", e);
    }
  }

  private void refreshKeyGauges() {
    Instant now = clock.instant();
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    List<MultiGauge.Row<?>> ends = new ArrayList<>();
    for (KeySnapshot snapshot : keys.snapshots()) {
      double age =
          snapshot.fetchedAt() == null
              ? Double.NaN
              : Duration.between(snapshot.fetchedAt(), now).toMillis() / 1000.0;
      ages.add(MultiGauge.Row.of(Tags.of("source", snapshot.source()), age));
      for (SigningKey key : snapshot.keys().values()) {
        if (key.notAfter() != null) {
          double days = Duration.between(now, key.notAfter()).toSeconds() / 86_400.0;
          ends.add(MultiGauge.Row.of(Tags.of("source", snapshot.source(), "key", key.id()), days));
        }
      }
    }
    keyAges.register(ages, true);
    certificateEnds.register(ends, true);
  }
}
