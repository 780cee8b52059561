package dev.identitybridge.operations.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Read-only numbers for the dashboard, counted by the database (the link table may hold millions of
 * rows; nothing here loads them).
 */
@ApplicationScoped
public class Overview {

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  public long accounts() {
    return count("select count(*) from user_account", null);
  }

  public long links() {
    return count("select count(*) from identity_link", null);
  }

  /**
   * The usernames and client addresses locked out now, by the lock-out table that every instance
   * shares.
   */
  public long lockedOut(Instant now) {
    return count("select count(*) from login_attempt where locked_until > ?", now);
  }

  /** Links that exist now and were created before {@code instant}. */
  public long linksCreatedBefore(Instant instant) {
    return count("select count(*) from identity_link where created_at < ?", instant);
  }

  /**
   * Links that exist now, by the day they were created (in the database session's time zone), from
   * {@code since} on. The database groups them: the table may hold millions of rows.
   */
  public Map<LocalDate, Long> linksCreatedByDay(Instant since) {
    Map<LocalDate, Long> days = new LinkedHashMap<>();
    try (Connection db = dataSource.getConnection();
        PreparedStatement query =
            db.prepareStatement(
                "select cast(created_at as date), count(*) from identity_link"
                    + " where created_at >= ? group by cast(created_at as date)")) {
      query.setObject(1, since.atOffset(ZoneOffset.UTC));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          days.put(rows.getObject(1, LocalDate.class), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count the links", e);
    }
    return days;
  }

  private long count(String sql, Instant parameter) {
    try (Connection db = dataSource.getConnection();
        PreparedStatement query = db.prepareStatement(sql)) {
      if (parameter != null) {
        query.setObject(1, parameter.atOffset(ZoneOffset.UTC));
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count: " + sql, e);
    }
  }
}
