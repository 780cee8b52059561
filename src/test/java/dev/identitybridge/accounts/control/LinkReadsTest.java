package dev.identitybridge.accounts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identitybridge.accounts.entity.LinkedAccount;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.persistence.DatabaseOutages;
import jakarta.persistence.PersistenceException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-request read against the real schema (Flyway's migrations) in an in-memory H2. */
class LinkReadsTest {

  private final LinkReads reads = new LinkReads();
  private JdbcDataSource database;

  @BeforeEach
  void migratedDatabase() {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    reads.dataSource = database;
  }

  @Test
  void readsTheLinkItsAccountAndAllItsRolesInOneGo() throws SQLException {
    account(100, "alice", true, "USER", "ADMIN");
    link(1, "uid-alice", 100);

    assertThat(reads.find("uid-alice"))
        .contains(
            new LinkedAccount(
                "uid-alice",
                Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-05T11:30:00Z"),
                "alice",
                "Display alice",
                true,
                Set.of(Role.USER, Role.ADMIN)));
  }

  @Test
  void anAccountWithoutRolesAndADisabledOneAreReadAsTheyAre() throws SQLException {
    account(100, "bob", false);
    link(1, "uid-bob", 100);

    Optional<LinkedAccount> link = reads.find("uid-bob");

    assertThat(link).isPresent();
    assertThat(link.get().enabled()).isFalse();
    assertThat(link.get().roles()).isEmpty();
  }

  @Test
  void anotherIdentityOrAnUnlinkedOneFindsNothing() throws SQLException {
    account(100, "alice", true, "USER");
    link(1, "uid-alice", 100);

    assertThat(reads.find("uid-bob")).isEmpty();
    assertThat(reads.find("uid-alic")).isEmpty();
    assertThat(reads.find("uid-alice%")).isEmpty();
  }

  @Test
  void readsTheDatabaseEachTimeSoAnUnlinkCountsAtOnce() throws SQLException {
    account(100, "alice", true, "USER");
    link(1, "uid-alice", 100);
    assertThat(reads.find("uid-alice")).isPresent();

    execute("delete from identity_link where unique_id = 'uid-alice'");

    assertThat(reads.find("uid-alice")).isEmpty();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsReportedAsAnOutage() {
    reads.dataSource = new Unreachable();

    assertThatThrownBy(() -> reads.find("uid-alice"))
        .isInstanceOf(PersistenceException.class)
        .satisfies(e -> assertThat(DatabaseOutages.unreachable(e)).isTrue());
  }

  private void account(long id, String username, boolean enabled, String... roles)
      throws SQLException {
    execute(
        "insert into user_account (id, username, password_hash, display_name, enabled,"
            + " credential_version, created_at, updated_at, version) values ("
            + id
            + ", '"
            + username
            + "', 'hash', 'Display "
            + username
            + "', "
            + enabled
            + ", 0, timestamp with time zone '2026-12-01 09:00:00+00',"
            + " timestamp with time zone '2026-12-01 09:00:00+00', 0)");
    for (String role : roles) {
      execute(
          "insert into user_account_role (account_id, role) values (" + id + ", '" + role + "')");
    }
  }

  private void link(long id, String uniqueId, long accountId) throws SQLException {
    execute(
        "insert into identity_link (id, unique_id, token_kind, realm, account_id, created_at,"
            + " last_seen_at, version) values ("
            + id
            + ", '"
            + uniqueId
            + "', 'EXCHANGE_IDENTITY', 'realm', "
            + accountId
            + ", timestamp with time zone '2026-12-01 10:00:00+00',"
            + " timestamp with time zone '2026-12-05 12:30:00+01', 0)");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A datasource whose database is down: the driver's "connection refused". */
  private static final class Unreachable implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("Connection refused", "08001");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
