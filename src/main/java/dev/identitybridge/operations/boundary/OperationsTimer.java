package dev.identitybridge.operations.boundary;

import dev.identitybridge.audit.control.AuditArchive;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.keys.control.ExpiringKeys;
import dev.identitybridge.keys.entity.ExpiringKey;
import dev.identitybridge.operations.control.SignInCounters;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute: stores the sign-in counters. Once a day (first five minutes after start-up, when
 * the key sources have been fetched): warns in the log of signing certificates near their end, and
 * deletes audit events older than the retention and sign-in counters older than {@link
 * #COUNTER_RETENTION}.
 */
@ApplicationScoped
public class OperationsTimer {

  private static final Logger LOG = Logger.getLogger(OperationsTimer.class.getName());

  static final Duration COUNTER_RETENTION = Duration.ofDays(30);

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject SignInCounters counters;
  @Inject ExpiringKeys expiringKeys;
  @Inject AuditArchive audit;
  @Inject Configuration configuration;
  @Inject Clock clock;

  private ScheduledFuture<?> flush;
  private ScheduledFuture<?> daily;

  void start(@Observes Startup startup) {
    flush = scheduler.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.MINUTES);
    daily = scheduler.scheduleAtFixedRate(this::daily, 5, 24 * 60, TimeUnit.MINUTES);
  }

  private void flush() {
    try {
      counters.flush();
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run.
      LOG.log(Level.WARNING, "Storing the sign-in counters failed", e);
    }
  }

  void daily() {
    try {
      List<ExpiringKey> expiring = expiringKeys.within();
      expiring.forEach(key -> LOG.warning(key.warning()));
      int events = audit.purgeBefore(clock.instant().minus(configuration.auditRetention()));
      int hours = counters.purgeBefore(clock.instant().minus(COUNTER_RETENTION));
      LOG.info(
          () ->
              "Daily clean-up: deleted "
                  + events
                  + " audit event(s) and "
                  + hours
                  + " sign-in counter row(s)");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The daily clean-up failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (flush != null) {
      flush.cancel(false);
      daily.cancel(false);
    }
    flush();
  }
}
