package dev.identitybridge.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.audit.entity.AuditRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention: the events before the cut-off go, the others stay (on the schema as migrated). */
class AuditArchiveTest {

  private static final Instant CUT_OFF = Instant.parse("2025-01-27T00:00:00Z");

  private final JdbcDataSource h2 = new JdbcDataSource();
  private final AuditArchive archive = new AuditArchive();

  @BeforeEach
  void migrate() throws Exception {
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    String sql =
        Files.readString(Path.of("src/main/resources/db/migration/V1__accounts.sql"))
            .replaceAll("(?m)^--.*$", "");
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
    archive.dataSource = h2;
  }

  private void insert(long id, Instant at) throws Exception {
    try (Connection c = h2.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into audit_event (id, occurred_at, actor, action, target, detail)"
                    + " values (?, ?, 'admin', 'ACCOUNT_UPDATED', 'account:a', 'd')")) {
      insert.setLong(1, id);
      insert.setObject(2, at.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  @Test
  void deletesTheEventsBeforeTheCutOffAndKeepsTheRest() throws Exception {
    insert(1, CUT_OFF.minus(Duration.ofDays(30)));
    insert(2, CUT_OFF.minusMillis(1));
    insert(3, CUT_OFF);
    insert(4, CUT_OFF.plus(Duration.ofDays(1)));

    assertThat(archive.purgeBefore(CUT_OFF)).isEqualTo(2);

    List<Long> left = new ArrayList<>();
    archive.export(
        new dev.identitybridge.audit.entity.AuditExportFilter(null, null, null, null),
        (AuditRow row) -> left.add(row.id()));
    assertThat(left).containsExactly(4L, 3L);
    assertThat(archive.purgeBefore(CUT_OFF)).isZero();
  }
}
