package dev.identitybridge.it;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import javax.sql.DataSource;

/**
 * Test-only: added to the WAR under test by {@link Deployments#withSeeding()} so that the tests can
 * create accounts and count rows. Never part of the shipped WAR.
 */
@WebServlet("/it-seed/*")
public class SeedServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @PersistenceContext EntityManager em;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/bulk-links".equals(request.getPathInfo())) {
      bulkLinks(request, response);
      return;
    }
    if ("/bulk-audit".equals(request.getPathInfo())) {
      bulkAudit(request, response);
      return;
    }
    String username = request.getParameter("username");
    accounts.create(
        "it-seed",
        username,
        "Seeded " + username,
        request.getParameter("password").toCharArray(),
        EnumSet.of(Role.USER));
    if ("false".equals(request.getParameter("enabled"))) {
      accounts.enable("it-seed", username, false);
    }
    response.setStatus(201);
  }

  /** Deletes the account and its links, as an administrator would. */
  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
    accounts.delete("it-seed", request.getParameter("username"));
    response.setStatus(204);
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) {
    accounts.enable(
        "it-seed",
        request.getParameter("username"),
        Boolean.parseBoolean(request.getParameter("enabled")));
    response.setStatus(204);
  }

  /** The number of links with a uniqueID, or with {@code /accounts}, of accounts with a name. */
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/heap".equals(request.getPathInfo())) {
      heap(request, response);
      return;
    }
    long rows =
        "/accounts".equals(request.getPathInfo())
            ? em.createQuery(
                    "select count(a) from UserAccount a where a.username = :username", Long.class)
                .setParameter("username", request.getParameter("username"))
                .getSingleResult()
            : em.createQuery(
                    "select count(l) from IdentityLink l where l.uniqueId = :uniqueId", Long.class)
                .setParameter("uniqueId", request.getParameter("uniqueId"))
                .getSingleResult();
    response.setContentType("text/plain");
    response.getWriter().print(rows);
  }

  /**
   * {@code /bulk-links?username=&prefix=&from=&count=}: that many links to the (existing) account,
   * numbered from {@code from}, inserted in JDBC batches, for the tests that need a big table.
   * uniqueIDs are the prefix and a 9-digit number; realms {@code realm-0} to {@code realm-9}; one
   * link created per second going back. Ids are taken far above the sequence's, from a random
   * block, so that repeated runs against one PostgreSQL database do not collide.
   */
  private void bulkLinks(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String prefix = request.getParameter("prefix");
    long firstId = Long.parseLong(request.getParameter("firstId"));
    int from = Integer.parseInt(request.getParameter("from"));
    int count = Integer.parseInt(request.getParameter("count"));
    long accountId = accounts.findByUsername(request.getParameter("username")).orElseThrow().id();
    Instant now = Instant.now();
    try (Connection db = dataSource.getConnection();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into identity_link (id, unique_id, token_kind, realm, account_id,"
                    + " created_at, last_seen_at, version) values (?, ?, ?, ?, ?, ?, ?, 0)")) {
      db.setAutoCommit(false);
      for (int i = from; i < from + count; i++) {
        OffsetDateTime created = now.minusSeconds(i).atOffset(ZoneOffset.UTC);
        insert.setLong(1, firstId + i);
        insert.setString(2, prefix + "%09d".formatted(i));
        insert.setString(3, TokenKind.EXCHANGE_IDENTITY.name());
        insert.setString(4, "realm-" + (i % 10));
        insert.setLong(5, accountId);
        insert.setObject(6, created);
        insert.setObject(7, created);
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
          db.commit();
        }
      }
      insert.executeBatch();
      db.commit();
    } catch (SQLException e) {
      throw new IOException(e);
    }
    response.setStatus(201);
  }

  /**
   * {@code /bulk-audit?actor=&firstId=&count=&detail=}: that many audit events by the actor, one a
   * second going back, inserted in JDBC batches; the first one carries the detail.
   */
  private void bulkAudit(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String actor = request.getParameter("actor");
    long firstId = Long.parseLong(request.getParameter("firstId"));
    int count = Integer.parseInt(request.getParameter("count"));
    Instant now = Instant.now();
    try (Connection db = dataSource.getConnection();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into audit_event (id, occurred_at, actor, action, target, detail)"
                    + " values (?, ?, ?, 'ACCOUNT_UPDATED', ?, ?)")) {
      db.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        insert.setLong(1, firstId + i);
        insert.setObject(2, now.minusSeconds(i).atOffset(ZoneOffset.UTC));
        insert.setString(3, actor);
        insert.setString(4, "account:bulk-" + i);
        insert.setString(5, i == 0 ? request.getParameter("detail") : "row " + i);
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
          db.commit();
        }
      }
      insert.executeBatch();
      db.commit();
    } catch (SQLException e) {
      throw new IOException(e);
    }
    response.setStatus(201);
  }

  /**
   * {@code /heap}: the heap's peak use in bytes since the last {@code /heap?reset=true}, summed
   * over the heap's memory pools (a reset answers the use at that moment).
   */
  private void heap(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean reset = "true".equals(request.getParameter("reset"));
    if (reset) {
      System.gc();
    }
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        if (reset) {
          pool.resetPeakUsage();
          bytes += pool.getUsage().getUsed();
        } else {
          bytes += pool.getPeakUsage().getUsed();
        }
      }
    }
    response.setContentType("text/plain");
    response.getWriter().print(bytes);
  }
}
