package dev.identitybridge.health.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

@ApplicationScoped
public class DatabaseCheck {

  private static final Logger LOG = Logger.getLogger(DatabaseCheck.class.getName());
  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  public boolean answers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Database check failed: {0}", e.getMessage());
      return false;
    }
  }
}
