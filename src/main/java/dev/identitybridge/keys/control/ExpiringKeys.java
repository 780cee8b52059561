package dev.identitybridge.keys.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.keys.entity.ExpiringKey;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The signing certificates that end within {@code identitybridge.keys.expiry-warning}: Exchange
 * rotates its certificate on its own schedule, and an admin who sees it coming can check that the
 * new one is published before the old one stops working.
 */
@ApplicationScoped
public class ExpiringKeys {

  private Supplier<List<KeySnapshot>> snapshots;
  private Clock clock;
  private Duration window;

  /** For the container's client proxy only. */
  protected ExpiringKeys() {}

  @Inject
  public ExpiringKeys(SigningKeyStore store, Configuration configuration, Clock clock) {
    this(store::snapshots, configuration.keysExpiryWarning(), clock);
  }

  public ExpiringKeys(Supplier<List<KeySnapshot>> snapshots, Duration window, Clock clock) {
    this.snapshots = snapshots;
    this.window = window;
    this.clock = clock;
  }

  /** Soonest first; keys without a certificate end never warn. */
  public List<ExpiringKey> within() {
    Instant now = clock.instant();
    Instant limit = now.plus(window);
    List<ExpiringKey> expiring = new ArrayList<>();
    for (KeySnapshot snapshot : snapshots.get()) {
      for (SigningKey key : snapshot.keys().values()) {
        if (key.notAfter() != null && !key.notAfter().isAfter(limit)) {
          expiring.add(
              new ExpiringKey(
                  snapshot.label(),
                  key.id(),
                  key.notAfter(),
                  Math.floorDiv(Duration.between(now, key.notAfter()).toSeconds(), 86_400L)));
        }
      }
    }
    expiring.sort(Comparator.comparing(ExpiringKey::notAfter));
    return expiring;
  }

  public Duration window() {
    return window;
  }
}
