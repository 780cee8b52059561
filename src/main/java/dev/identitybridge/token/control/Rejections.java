package dev.identitybridge.token.control;

import dev.identitybridge.token.control.InvalidTokenException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts rejected tokens per reason, and logs them so that load cannot flood the log: each
 * rejection at FINE, and at most one INFO line per reason and interval with the count ("Token
 * rejected: bad_signature ×1234 in the last 60 s"; {@code metadata_unavailable} at WARNING). The
 * summary of an interval is written by the first rejection after it ends. Never logs a token.
 */
@ApplicationScoped
public class Rejections {

  private static final Logger LOG = Logger.getLogger(TokenValidator.class.getName());

  /** How often at most a summary line per reason is written. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Map<Reason, LongAdder> total = new EnumMap<>(Reason.class);
  private final Map<Reason, LongAdder> inInterval = new EnumMap<>(Reason.class);
  private final Clock clock;
  private final long intervalMillis;
  private final AtomicLong intervalStart;

  /** For the container's client proxy only. */
  protected Rejections() {
    this.clock = null;
    this.intervalMillis = 0;
    this.intervalStart = null;
  }

  @Inject
  public Rejections(Clock clock) {
    this(clock, INTERVAL);
  }

  public Rejections(Clock clock, Duration interval) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.intervalMillis = interval.toMillis();
    this.intervalStart = new AtomicLong(clock.millis());
    for (Reason reason : Reason.values()) {
      total.put(reason, new LongAdder());
      inInterval.put(reason, new LongAdder());
    }
  }

  /** Counts one rejection; writes the last interval's summary when it has ended. */
  public void record(Reason reason) {
    total.get(reason).increment();
    inInterval.get(reason).increment();
    LOG.fine(() -> "Token rejected: " + reason.code());
    long start = intervalStart.get();
    long now = clock.millis();
    if (now - start >= intervalMillis && intervalStart.compareAndSet(start, now)) {
      summarise(Duration.ofMillis(now - start));
    }
  }

  /** Rejections per reason since start-up, for a metrics endpoint: every reason, zeros included. */
  public Map<Reason, Long> counts() {
    Map<Reason, Long> counts = new EnumMap<>(Reason.class);
    total.forEach((reason, count) -> counts.put(reason, count.sum()));
    return Collections.unmodifiableMap(counts);
  }

  private void summarise(Duration elapsed) {
    inInterval.forEach(
        (reason, adder) -> {
          long count = adder.sumThenReset();
          if (count > 0) {
            LOG.log(
                reason == Reason.METADATA_UNAVAILABLE ? Level.WARNING : Level.INFO,
                "Token rejected: {0} \u00d7{1} in the last {2} s",
                new Object[] {
                  reason.code(), Long.toString(count), Long.toString(elapsed.toSeconds())
                });
          }
        });
  }
}
