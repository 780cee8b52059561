package dev.identitybridge.keys.boundary;

import dev.identitybridge.keys.control.SigningKeyStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fetches the trusted key sources right after start-up, in the background so that a dead Exchange
 * server cannot hold up the deployment, and again every refresh interval. The periodic runs start
 * at a random offset of up to a tenth of the interval, so that N instances started together do not
 * all ask Exchange at once.
 */
@ApplicationScoped
public class KeyRefreshTimer {

  private static final Logger LOG = Logger.getLogger(KeyRefreshTimer.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject SigningKeyStore store;

  private ScheduledFuture<?> refresh;

  void start(@Observes Startup startup) {
    long period = store.refreshInterval().toMillis();
    long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, period / 10));
    scheduler.execute(this::refresh);
    refresh =
        scheduler.scheduleAtFixedRate(
            this::refresh, period + jitter, period, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      store.refreshOnSchedule();
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run.
      LOG.log(Level.WARNING, "Refreshing the key sources failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (refresh != null) {
      refresh.cancel(true);
    }
  }
}
