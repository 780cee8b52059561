package dev.identitybridge.keys.boundary;

import dev.identitybridge.keys.control.CertificateStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fetches the trusted metadata documents right after start-up, in the background so that a dead
 * Exchange server cannot hold up the deployment, and again every refresh interval.
 */
@ApplicationScoped
public class CertificateRefreshTimer {

  private static final Logger LOG = Logger.getLogger(CertificateRefreshTimer.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject CertificateStore store;

  private ScheduledFuture<?> refresh;

  void start(@Observes Startup startup) {
    long period = store.refreshInterval().toMillis();
    refresh = scheduler.scheduleAtFixedRate(this::refresh, 0, period, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      store.refreshOnSchedule();
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run.
      LOG.log(Level.WARNING, "Metadata refresh failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (refresh != null) {
      refresh.cancel(true);
    }
  }
}
