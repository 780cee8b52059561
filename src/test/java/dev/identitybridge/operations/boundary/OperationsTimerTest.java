package dev.identitybridge.operations.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.audit.control.AuditArchive;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.keys.control.ExpiringKeys;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.operations.control.SignInCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily work runs once a day by the clock, however often the timer fires. */
class OperationsTimerTest {

  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private final MovableClock clock = new MovableClock(START);
  private final List<LogRecord> log = new ArrayList<>();
  private final List<Instant> auditCutOffs = new ArrayList<>();
  private final List<Instant> counterCutOffs = new ArrayList<>();
  private final Logger logger = Logger.getLogger(OperationsTimer.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          log.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private OperationsTimer timer;

  @BeforeEach
  void setUp() {
    logger.addHandler(capture);
    KeySnapshot exchange =
        KeySnapshot.notFetched("https://mail.example.com/autodiscover/metadata/json/1", "Exchange")
            .loaded(
                List.of(
                    new SigningKey(
                        "thumb-ending", "CN=t", null, START.plus(Duration.ofDays(10)), 2048, null),
                    new SigningKey(
                        "thumb-fine", "CN=u", null, START.plus(Duration.ofDays(300)), 2048, null)),
                START,
                START.plus(Duration.ofHours(1)));
    timer = new OperationsTimer();
    timer.clock = clock;
    timer.configuration =
        new Configuration(new MapConfig(Map.of("identitybridge.audit.retention", "P90D")));
    timer.expiringKeys = new ExpiringKeys(() -> List.of(exchange), Duration.ofDays(30), clock);
    timer.audit =
        new AuditArchive() {
          @Override
          public int purgeBefore(Instant before) {
            auditCutOffs.add(before);
            return 0;
          }
        };
    timer.counters =
        new SignInCounters() {
          @Override
          public int purgeBefore(Instant before) {
            counterCutOffs.add(before);
            return 0;
          }
        };
  }

  @AfterEach
  void tearDown() {
    logger.removeHandler(capture);
  }

  private List<String> warnings() {
    return log.stream()
        .filter(r -> r.getLevel() == Level.WARNING)
        .map(LogRecord::getMessage)
        .toList();
  }

  @Test
  void warnsOfTheEndingCertificateOnceADay() {
    timer.dailyIfDue();
    assertThat(warnings())
        .containsExactly(
            "The signing certificate thumb-ending of Exchange expires on "
                + START.plus(Duration.ofDays(10))
                + ", in 10 day(s).");

    for (int hour = 1; hour < 24; hour++) {
      clock.advance(Duration.ofHours(1));
      timer.dailyIfDue();
    }
    assertThat(warnings()).as("23 more hourly ticks, the same day").hasSize(1);

    clock.advance(Duration.ofHours(1));
    timer.dailyIfDue();
    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1)).endsWith(", in 9 day(s).");
  }

  @Test
  void deletesWhatIsOlderThanTheRetentionsOnceADay() {
    timer.dailyIfDue();
    clock.advance(Duration.ofHours(12));
    timer.dailyIfDue();

    assertThat(auditCutOffs).containsExactly(START.minus(Duration.ofDays(90)));
    assertThat(counterCutOffs).containsExactly(START.minus(OperationsTimer.COUNTER_RETENTION));
    assertThat(log)
        .filteredOn(r -> r.getLevel() == Level.INFO)
        .hasSize(1)
        .first()
        .satisfies(r -> assertThat(r.getMessage()).startsWith("Daily clean-up: deleted "));
  }
}
