package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.entity.LinkedAccount;
import dev.identitybridge.accounts.entity.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The read behind every API request with a valid token: the caller's link, its account and the
 * account's roles, in one prepared statement on the default datasource, outside any transaction. It
 * goes to the database every time (no cache): an unlink, a disabled account or a new password made
 * on another instance counts from the next request on. Through JPA the same read cost a JTA
 * transaction, a JPQL query and managed entities per request, a fifth of the request's time.
 */
@ApplicationScoped
public class LinkReads {

  /** One row per role of the account, or one row with a null role when it has none. */
  static final String BY_UNIQUE_ID =
      "select l.created_at, l.last_seen_at, a.username, a.display_name, a.enabled, r.role"
          + " from identity_link l"
          + " join user_account a on a.id = l.account_id"
          + " left join user_account_role r on r.account_id = a.id"
          + " where l.unique_id = ?";

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  /**
   * The identity's link with its account, as the database holds it now. A database that cannot be
   * reached surfaces as a PersistenceException whose cause is the driver's or the pool's
   * SQLException, which the API answers with 503 database_unavailable.
   */
  public Optional<LinkedAccount> find(String uniqueId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(BY_UNIQUE_ID)) {
      statement.setString(1, uniqueId);
      try (ResultSet rows = statement.executeQuery()) {
        return read(uniqueId, rows);
      }
    } catch (SQLException e) {
      throw new PersistenceException("The link of an identity could not be read", e);
    }
  }

  static Optional<LinkedAccount> read(String uniqueId, ResultSet rows) throws SQLException {
    if (!rows.next()) {
      return Optional.empty();
    }
    OffsetDateTime linkedAt = rows.getObject(1, OffsetDateTime.class);
    OffsetDateTime lastSeenAt = rows.getObject(2, OffsetDateTime.class);
    String username = rows.getString(3);
    String displayName = rows.getString(4);
    boolean enabled = rows.getBoolean(5);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    do {
      String role = rows.getString(6);
      if (role != null) {
        roles.add(Role.valueOf(role));
      }
    } while (rows.next());
    return Optional.of(
        new LinkedAccount(
            uniqueId,
            linkedAt.toInstant(),
            lastSeenAt.toInstant(),
            username,
            displayName,
            enabled,
            roles));
  }
}
