package dev.identitybridge.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only: the application's clock in the WAR under test ({@link Deployments#withSeeding()}), the
 * real time plus an offset that tests move forward through {@link SeedServlet} ({@code POST
 * it-seed/clock?shift=PT5S}) instead of waiting, e.g. for a lock-out to end. An enabled
 * alternative, so every {@code @Inject Clock} of the application gets it instead of the real one.
 * Serializable like the system clock it stands for, since view-scoped beans hold it.
 */
@Dependent
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class ShiftedClock extends Clock implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

  static void shift(Duration by) {
    OFFSET.updateAndGet(offset -> offset.plus(by));
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(OFFSET.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), OFFSET.get());
  }
}
