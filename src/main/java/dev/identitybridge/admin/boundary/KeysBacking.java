package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AuditLog;
import dev.identitybridge.accounts.entity.AuditAction;
import dev.identitybridge.keys.control.CertificateStore;
import dev.identitybridge.keys.entity.MetadataSnapshot;
import dev.identitybridge.keys.entity.SigningCertificate;
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

  @Inject CertificateStore store;
  @Inject AuditLog audit;

  /** Read on each GET; a postback only needs the refresh button, not the old snapshots. */
  private transient List<MetadataSnapshot> snapshots;

  @PostConstruct
  void init() {
    snapshots = store.snapshots();
  }

  public String refresh() {
    List<MetadataSnapshot> refreshed = store.refreshNow();
    long failed = refreshed.stream().filter(s -> s.lastError() != null).count();
    audit.recordAlone(
        AdminMessages.actor(),
        AuditAction.METADATA_REFRESHED,
        "metadata",
        refreshed.size() + " document(s), " + failed + " failed");
    return AdminMessages.doneThenShow(
        "keys",
        "Fetched "
            + refreshed.size()
            + " metadata document(s) again"
            + (failed == 0 ? "." : "; " + failed + " failed and keep their last good keys."));
  }

  public List<MetadataSnapshot> getSnapshots() {
    return snapshots;
  }

  /** A document's certificates, soonest expiry first. */
  public List<SigningCertificate> certificates(MetadataSnapshot snapshot) {
    return snapshot.certificates().values().stream()
        .sorted(Comparator.comparing(SigningCertificate::notAfter))
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
