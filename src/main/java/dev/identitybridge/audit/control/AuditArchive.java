package dev.identitybridge.audit.control;

import dev.identitybridge.audit.entity.AuditExportFilter;
import dev.identitybridge.audit.entity.AuditRow;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The whole audit log, for export and retention. Read with a JDBC cursor (autocommit off and a
 * fetch size, without which PostgreSQL's driver reads every row into memory first), so a million
 * rows pass through a few hundred at a time.
 */
@ApplicationScoped
public class AuditArchive {

  static final int FETCH_SIZE = 500;

  /** Receives rows one at a time, in the order of the audit page: newest first. */
  @FunctionalInterface
  public interface RowSink {
    void accept(AuditRow row) throws IOException;
  }

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  /**
   * Streams the matching events to the sink.
   *
   * @throws IOException when the sink fails (the client went away)
   */
  public void export(AuditExportFilter filter, RowSink sink) throws IOException {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    if (filter.actor() != null) {
      conditions.add("actor = ?");
      values.add(filter.actor());
    }
    if (filter.action() != null) {
      conditions.add("action = ?");
      values.add(filter.action().name());
    }
    if (filter.from() != null) {
      conditions.add("occurred_at >= ?");
      values.add(filter.from().atOffset(ZoneOffset.UTC));
    }
    if (filter.to() != null) {
      conditions.add("occurred_at < ?");
      values.add(filter.to().atOffset(ZoneOffset.UTC));
    }
    String sql =
        "select id, occurred_at, actor, action, target, detail from audit_event"
            + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
            + " order by occurred_at desc, id desc";
    try (Connection db = dataSource.getConnection()) {
      boolean autoCommit = db.getAutoCommit();
      db.setAutoCommit(false);
      try (PreparedStatement query = db.prepareStatement(sql)) {
        query.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < values.size(); i++) {
          query.setObject(i + 1, values.get(i));
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            sink.accept(
                new AuditRow(
                    rows.getLong(1),
                    rows.getObject(2, OffsetDateTime.class).toInstant(),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getString(6)));
          }
        }
      } finally {
        db.rollback();
        db.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("Reading the audit log failed", e));
    }
  }

  /** Deletes the events that happened before {@code before}; returns how many went. */
  public int purgeBefore(Instant before) {
    try (Connection db = dataSource.getConnection();
        PreparedStatement delete =
            db.prepareStatement("delete from audit_event where occurred_at < ?")) {
      delete.setObject(1, before.atOffset(ZoneOffset.UTC));
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not delete old audit events", e);
    }
  }
}
