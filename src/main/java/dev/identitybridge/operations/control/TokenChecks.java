package dev.identitybridge.operations.control;

import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.operations.entity.TokenReport;
import dev.identitybridge.token.control.TokenValidator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The admin's "check a token": {@link TokenDiagnostics} with the real validator and the link table.
 * Stores nothing; audits that a check happened and its outcome, never the token.
 */
@ApplicationScoped
public class TokenChecks {

  @Inject TokenValidator validator;
  @Inject Configuration configuration;
  @Inject Clock clock;
  @Inject AuditLog audit;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private TokenDiagnostics diagnostics;

  @PostConstruct
  void init() {
    diagnostics = new TokenDiagnostics(validator, this::linkedAccount, configuration, clock);
  }

  public TokenReport check(String actor, String token) {
    TokenReport report = diagnostics.check(token);
    audit.recordAlone(
        actor,
        AuditAction.TOKEN_CHECKED,
        report.uniqueId() == null ? "token" : "link:" + report.uniqueId(),
        report.kind() + ": " + report.outcome());
    return report;
  }

  private Optional<String> linkedAccount(String uniqueId) {
    try (Connection db = dataSource.getConnection();
        PreparedStatement query =
            db.prepareStatement(
                "select a.username from identity_link l join user_account a"
                    + " on a.id = l.account_id where l.unique_id = ?")) {
      query.setString(1, uniqueId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not look up the link", e);
    }
  }
}
