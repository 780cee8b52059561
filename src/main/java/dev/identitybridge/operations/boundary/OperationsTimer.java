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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute: stores the sign-in counters. Once a day by the clock (first five minutes after
 * start-up, when the key sources have been fetched; checked hourly): warns in the log of signing
 * certificates near their end, and deletes audit events older than the retention and sign-in
 * counters older than {@link #COUNTER_RETENTION}.
 */
@ApplicationScoped
public class OperationsTimer {

  private static final Logger LOG = Logger.getLogger(OperationsTimer.class.getName());

  static final Duration COUNTER_RETENTION = Duration.ofDays(30);

  private static final Duration DAY = Duration.ofDays(1);

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject SignInCounters counters;
  @Inject ExpiringKeys expiringKeys;
  @Inject AuditArchive audit;
  @Inject Configuration configuration;
  @Inject Clock clock;

  private ScheduledFuture<?> flush;
  private ScheduledFuture<?> daily;

  /** When the daily work last ran; null before its first run. */
  private Instant lastDaily;

  void start(@Observes Startup startup) {
    flush = scheduler.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.MINUTES);
    daily = scheduler.scheduleAtFixedRate(this::dailyIfDue, 5, 60, TimeUnit.MINUTES);
  }

  private void flush() {
    try {
      counters.flush();
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run.
      LOG.log(Level.WARNING, "Storing the sign-in counters failed", e);
    }
  }

  /**
   * Runs the daily work when a day has passed by the clock since it last ran: checked every hour,
   * so that a timer that fires early or late (a suspended machine) neither doubles nor skips a day.
   */
  synchronized void dailyIfDue() {
    Instant now = clock.instant();
    if (lastDaily != null && now.isBefore(lastDaily.plus(DAY))) {
      return;
    }
    lastDaily = now;
    daily();
  }

  private void daily() {
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
