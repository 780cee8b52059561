package dev.identitybridge.accounts.boundary;

import dev.identitybridge.accounts.control.LoginAttempts;
import dev.identitybridge.config.control.Configuration;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the sign-in counters that count nothing any more, once a lock-out period (at least a
 * minute), so that made-up usernames cannot fill the table. Each instance does it; deleting twice
 * is harmless.
 */
@ApplicationScoped
public class LoginAttemptCleanup {

  private static final Logger LOG = Logger.getLogger(LoginAttemptCleanup.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject LoginAttempts attempts;
  @Inject Configuration configuration;
  @Inject Clock clock;

  private Duration lockout;
  private ScheduledFuture<?> cleanup;

  void start(@Observes Startup startup) {
    lockout = configuration.lockout();
    long period = Math.max(lockout.toMillis(), Duration.ofMinutes(1).toMillis());
    cleanup = scheduler.scheduleAtFixedRate(this::clean, period, period, TimeUnit.MILLISECONDS);
  }

  private void clean() {
    try {
      int deleted = attempts.deleteQuiet(clock.instant(), lockout);
      LOG.fine(() -> "Deleted " + deleted + " quiet sign-in counter(s)");
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later run.
      LOG.log(Level.WARNING, "Deleting quiet sign-in counters failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (cleanup != null) {
      cleanup.cancel(true);
    }
  }
}
