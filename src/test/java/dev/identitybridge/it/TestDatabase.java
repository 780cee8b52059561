package dev.identitybridge.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Direct access to the PostgreSQL database that the server under test was pointed at, so that a
 * test can prove the data went there and not to a fallback H2.
 */
public final class TestDatabase {

  private TestDatabase() {}

  public static boolean isPostgresql() {
    return "postgresql".equals(System.getProperty("it.database"));
  }

  public static Connection connect() throws SQLException {
    String url =
        "jdbc:postgresql://%s:%s/%s"
            .formatted(
                System.getenv("IDENTITYBRIDGE_DB_HOST"),
                System.getenv("IDENTITYBRIDGE_DB_PORT"),
                System.getenv("IDENTITYBRIDGE_DB_NAME"));
    return DriverManager.getConnection(
        url, System.getenv("IDENTITYBRIDGE_DB_USER"), System.getenv("IDENTITYBRIDGE_DB_PASSWORD"));
  }
}
