package dev.identitybridge.operations.control;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.entity.MappedSignIn;
import dev.identitybridge.operations.entity.HourlyCount;
import dev.identitybridge.token.entity.TokenKind;
import dev.identitybridge.token.entity.ValidationOutcome;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Sign-ins per hour, kind and outcome: counted in memory, added to this instance's rows in {@code
 * sign_in_hour} by {@link #flush()}, read back summed over all instances. A rejected token counts
 * under its reason code when the validator refuses it; a valid one once the API has looked its
 * identity up, as {@link #LINKED} or {@link #LINK_REQUIRED}.
 */
@ApplicationScoped
public class SignInCounters {

  private static final Logger LOG = Logger.getLogger(SignInCounters.class.getName());

  /** A valid token whose identity has a usable link. */
  public static final String LINKED = "linked";

  /** A valid token whose identity has no usable link: the add-in asks the user to link. */
  public static final String LINK_REQUIRED = AccountException.Reason.LINK_REQUIRED.code();

  /** This process; its rows are its own, so two instances never update one row. */
  static final String INSTANCE = clip(ManagementFactory.getRuntimeMXBean().getName(), 128);

  private record Key(Instant hour, String kind, String outcome) {}

  private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @Inject Clock clock;

  void validated(@Observes ValidationOutcome outcome) {
    if (!outcome.valid()) {
      count(outcome.kind(), outcome.outcome());
    }
  }

  void mapped(@Observes MappedSignIn signIn) {
    count(signIn.kind(), signIn.linked() ? LINKED : LINK_REQUIRED);
  }

  private void count(TokenKind tokenKind, String outcome) {
    Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
    String kind = tokenKind == null ? Meters.UNKNOWN_KIND : tokenKind.code();
    pending.computeIfAbsent(new Key(hour, kind, outcome), k -> new LongAdder()).increment();
  }

  /**
   * Adds what was counted since the last flush to the database. What cannot be written stays
   * counted for the next flush.
   */
  public void flush() {
    for (Map.Entry<Key, LongAdder> entry : pending.entrySet()) {
      long count = entry.getValue().sumThenReset();
      if (count == 0) {
        pending.remove(entry.getKey(), entry.getValue());
        continue;
      }
      try {
        add(entry.getKey(), count);
      } catch (SQLException e) {
        entry.getValue().add(count);
        LOG.log(Level.WARNING, "Could not store the sign-in counters; retrying next minute", e);
        return;
      }
    }
  }

  private void add(Key key, long count) throws SQLException {
    try (Connection db = dataSource.getConnection()) {
      if (update(db, key, count) > 0) {
        return;
      }
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into sign_in_hour (hour_start, instance, token_kind, outcome, count)"
                  + " values (?, ?, ?, ?, ?)")) {
        bind(insert, key, 1);
        insert.setLong(5, count);
        insert.executeUpdate();
      } catch (SQLException e) {
        // Another flush inserted the row first (the primary key said so): add to it instead.
        if (!isUniqueViolation(e) || update(db, key, count) == 0) {
          throw e;
        }
      }
    }
  }

  private static int update(Connection db, Key key, long count) throws SQLException {
    try (PreparedStatement update =
        db.prepareStatement(
            "update sign_in_hour set count = count + ? where hour_start = ? and instance = ?"
                + " and token_kind = ? and outcome = ?")) {
      update.setLong(1, count);
      bind(update, key, 2);
      return update.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, Key key, int first) throws SQLException {
    statement.setObject(first, key.hour().atOffset(ZoneOffset.UTC));
    statement.setString(first + 1, INSTANCE);
    statement.setString(first + 2, key.kind());
    statement.setString(first + 3, clip(key.outcome(), 32));
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState())
        || e instanceof java.sql.SQLIntegrityConstraintViolationException;
  }

  /** The counts of the hours from {@code since} on, summed over the instances, oldest first. */
  public List<HourlyCount> since(Instant since) {
    List<HourlyCount> counts = new ArrayList<>();
    try (Connection db = dataSource.getConnection();
        PreparedStatement query =
            db.prepareStatement(
                "select hour_start, token_kind, outcome, sum(count) from sign_in_hour where hour_start >= ?"
                    + " group by hour_start, token_kind, outcome order by hour_start")) {
      query.setObject(1, since.atOffset(ZoneOffset.UTC));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.add(
              new HourlyCount(
                  rows.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the sign-in counters", e);
    }
    return counts;
  }

  /** Deletes the hours before {@code before}; returns how many rows went. */
  public int purgeBefore(Instant before) {
    try (Connection db = dataSource.getConnection();
        PreparedStatement delete =
            db.prepareStatement("delete from sign_in_hour where hour_start < ?")) {
      delete.setObject(1, before.atOffset(ZoneOffset.UTC));
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not delete old sign-in counters", e);
    }
  }

  private static String clip(String value, int length) {
    return value.length() <= length ? value : value.substring(0, length);
  }
}
