package dev.identitybridge.operations.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.identitybridge.accounts.entity.MappedSignIn;
import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.operations.entity.HourlyCount;
import dev.identitybridge.token.entity.TokenKind;
import dev.identitybridge.token.entity.ValidationOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The counters' SQL on both databases we ship for: concurrent flushes of the same hour lose no
 * count (UPDATE, else INSERT, else UPDATE again), and reads sum over the instances.
 */
class SignInCountersTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:34:00Z"));

  private static void migrate(DataSource db) throws Exception {
    String sql =
        Files.readString(Path.of("src/main/resources/db/migration/V20__sign_in_counters.sql"))
            .replaceAll("(?m)^--.*$", "");
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private SignInCounters counters(DataSource db) {
    SignInCounters counters = new SignInCounters();
    counters.dataSource = db;
    counters.clock = clock;
    return counters;
  }

  private void concurrentFlushesLoseNothing(DataSource db) throws Exception {
    migrate(db);
    int threads = 8;
    int perThread = 250;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                SignInCounters mine = counters(db);
                for (int i = 0; i < perThread; i++) {
                  mine.mapped(new MappedSignIn(TokenKind.EXCHANGE_IDENTITY, true));
                }
                mine.validated(new ValidationOutcome(null, "malformed_token", 1));
                start.await();
                mine.flush();
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    List<HourlyCount> counts = counters(db).since(clock.instant().minus(Duration.ofHours(1)));

    assertThat(counts)
        .containsExactlyInAnyOrder(
            new HourlyCount(
                Instant.parse("2026-03-01T12:00:00Z"), "exchange", "linked", threads * perThread),
            new HourlyCount(
                Instant.parse("2026-03-01T12:00:00Z"), "unknown", "malformed_token", threads));
  }

  @Test
  void concurrentFlushesLoseNothingOnH2() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    concurrentFlushesLoseNothing(h2);
  }

  @Test
  void concurrentFlushesLoseNothingOnPostgresql() throws Exception {
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
    admin.setUser("postgres");
    String schema = "sign_in_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    } catch (SQLException e) {
      assumeTrue(false, "No PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
    }
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
    db.setUser("postgres");
    db.setCurrentSchema(schema);
    try {
      concurrentFlushesLoseNothing(db);
    } finally {
      try (Connection c = admin.getConnection();
          Statement s = c.createStatement()) {
        s.execute("drop schema " + schema + " cascade");
      }
    }
  }

  @Test
  void theHoursBeforeTheLimitAreDeleted() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(h2);
    SignInCounters counters = counters(h2);
    counters.mapped(new MappedSignIn(TokenKind.ENTRA_ACCESS, true));
    counters.flush();
    clock.advance(Duration.ofDays(31));
    counters.mapped(new MappedSignIn(TokenKind.ENTRA_ACCESS, false));
    counters.flush();

    assertThat(counters.purgeBefore(clock.instant().minus(Duration.ofDays(30)))).isEqualTo(1);
    assertThat(counters.since(Instant.EPOCH)).hasSize(1);
  }

  @Test
  void validTokensCountAsLinkedOrLinkRequiredOnceLookedUpAndRejectionsByReason() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(h2);
    SignInCounters counters = counters(h2);
    // What one linked Entra sign-in, one unlinked Exchange sign-in and one bad signature tell.
    counters.validated(new ValidationOutcome(TokenKind.ENTRA_ACCESS, "valid", 1));
    counters.mapped(new MappedSignIn(TokenKind.ENTRA_ACCESS, true));
    counters.validated(new ValidationOutcome(TokenKind.EXCHANGE_IDENTITY, "valid", 1));
    counters.mapped(new MappedSignIn(TokenKind.EXCHANGE_IDENTITY, false));
    counters.validated(new ValidationOutcome(TokenKind.EXCHANGE_IDENTITY, "bad_signature", 1));
    counters.flush();

    Instant hour = Instant.parse("2026-03-01T12:00:00Z");
    assertThat(counters.since(Instant.EPOCH))
        .containsExactlyInAnyOrder(
            new HourlyCount(hour, "entra", "linked", 1),
            new HourlyCount(hour, "exchange", "link_required", 1),
            new HourlyCount(hour, "exchange", "bad_signature", 1));
  }
}
