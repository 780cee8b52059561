package dev.identitybridge.admin.boundary;

import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** The certificate store: each trusted metadata document, its keys and its fetch history. */
@Named
@ViewScoped
public class KeysBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SigningKeyStore store;

  /** Read on each GET; a postback only needs the refresh button, not the old snapshots. */
  private transient List<KeySnapshot> snapshots;

  @PostConstruct
  void init() {
    snapshots = store.snapshots();
  }

  public String refresh() {
    List<KeySnapshot> refreshed = store.refreshNow(AdminMessages.actor());
    long failed = refreshed.stream().filter(s -> s.lastError() != null).count();
    return AdminMessages.doneThenShow(
        "keys",
        "Fetched "
            + refreshed.size()
            + " key source(s) again"
            + (failed == 0 ? "." : "; " + failed + " failed and keep their last good keys."));
  }

  public List<KeySnapshot> getSnapshots() {
    return snapshots;
  }

  /** A source's keys, soonest expiry first; keys without a certificate last. */
  public List<SigningKey> keys(KeySnapshot snapshot) {
    return snapshot.keys().values().stream()
        .sorted(
            Comparator.comparing(
                SigningKey::notAfter, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /** The timer's period, as people write it ("1 h 0 min"). */
  public String getRefreshInterval() {
    Duration interval = store.refreshInterval();
    return interval.toMinutes() >= 60
        ? interval.toHours() + " h " + interval.toMinutesPart() + " min"
        : interval.toMinutes() + " min " + interval.toSecondsPart() + " s";
  }
}
