package dev.identitybridge.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void recognisesADatabaseThatCannotBeReachedBehindAnyWrapping() {
    assertThat(
            Problems.databaseUnreachable(
                new PersistenceException(
                    new RuntimeException(
                        new SQLException(
                            "terminating connection due to administrator command", "57P01")))))
        .isTrue();
    assertThat(
            Problems.databaseUnreachable(
                new IllegalStateException(new SQLException("Connection refused", "08001"))))
        .isTrue();
    assertThat(
            Problems.databaseUnreachable(
                new PersistenceException(new SQLTransientConnectionException("pool exhausted"))))
        .isTrue();
  }

  @Test
  void leavesOtherDatabaseErrorsToThe500() {
    assertThat(
            Problems.databaseUnreachable(
                new PersistenceException(new SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(Problems.databaseUnreachable(new IllegalStateException("bug"))).isFalse();
  }
}
