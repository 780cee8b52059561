package dev.identitybridge.persistence;

/**
 * Tells an outage of the database apart from other failures, wherever it surfaces: the API answers
 * it with 503 {@code database_unavailable}, and the code that turns a conflict between concurrent
 * requests into "try again" lets it through instead.
 */
public final class DatabaseOutages {

  private DatabaseOutages() {}

  /**
   * Whether a failure comes from not reaching the database: SQLSTATE class 08 (connection
   * exception), 57P01 to 57P03 (PostgreSQL shut down or terminated the session, or cannot accept
   * connections yet), 53300 (too many connections), or a pool that could not allocate a connection.
   */
  public static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql) {
        String state = sql.getSQLState();
        if (state != null
            && (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300"))) {
          return true;
        }
        String message = String.valueOf(sql.getMessage());
        // PostgreSQL refusing new sessions of a database (ALLOW_CONNECTIONS false, 55000).
        if ("55000".equals(state) && message.contains("not currently accepting connections")) {
          return true;
        }
        if (message.contains("allocating a connection")
            || message.contains("Connection could not be allocated")
            || message.contains("Unable to acquire JDBC Connection")
            || message.contains("IJ000453")) {
          return true;
        }
      }
    }
    return false;
  }
}
