package dev.identitybridge.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutagesTest {

  @Test
  void recognisesADatabaseThatCannotBeReachedBehindAnyWrapping() {
    assertThat(
            DatabaseOutages.unreachable(
                new PersistenceException(
                    new RuntimeException(
                        new SQLException(
                            "terminating connection due to administrator command", "57P01")))))
        .isTrue();
    assertThat(
            DatabaseOutages.unreachable(
                new IllegalStateException(new SQLException("Connection refused", "08001"))))
        .isTrue();
    assertThat(
            DatabaseOutages.unreachable(
                new PersistenceException(new SQLTransientConnectionException("pool exhausted"))))
        .isTrue();
  }

  @Test
  void leavesOtherDatabaseErrorsToThe500() {
    assertThat(
            DatabaseOutages.unreachable(
                new PersistenceException(new SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(DatabaseOutages.unreachable(new IllegalStateException("bug"))).isFalse();
  }
}
