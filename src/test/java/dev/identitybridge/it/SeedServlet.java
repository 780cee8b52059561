package dev.identitybridge.it;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Test-only: added to the WAR under test by {@link Deployments#withSeeding()} so that the tests can
 * create and change accounts as an administrator would, count rows, and move the clock. Never part
 * of the shipped WAR.
 */
@WebServlet("/it-seed/*")
public class SeedServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  @PersistenceContext EntityManager em;

  /** A refusal of the application's is 409 with its reason code, so a test can tell it. */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      super.service(request, response);
    } catch (AccountException e) {
      response.setStatus(409);
      response.setContentType("text/plain");
      response.getWriter().print(e.reason().code());
    }
  }

  /**
   * {@code /accounts?username=&password=[&enabled=false][&roles=admin,user]} creates an account;
   * {@code /roles?actor=&username=&roles=} changes its roles as that actor would; {@code
   * /links/idle?uniqueId=} makes a link look unused for an hour; {@code /clock?shift=PT5S} moves
   * the {@link ShiftedClock}; {@code /password?username=&password=} sets a new password, as an
   * administrator would, keeping the account's links.
   */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (String.valueOf(request.getPathInfo())) {
      case "/bulk-links" -> bulkLinks(request, response);
      case "/bulk-audit" -> bulkAudit(request, response);
      case "/roles" -> {
        String username = request.getParameter("username");
        accounts.update(
            actor(request), username, "Seeded " + username, roles(request.getParameter("roles")));
        response.setStatus(204);
      }
      case "/links/idle" -> {
        idle(request.getParameter("uniqueId"));
        response.setStatus(204);
      }
      case "/clock" -> {
        ShiftedClock.shift(Duration.parse(request.getParameter("shift")));
        response.setStatus(204);
      }
      case "/password" -> {
        accounts.resetPassword(
            actor(request),
            request.getParameter("username"),
            request.getParameter("password").toCharArray(),
            false);
        response.setStatus(204);
      }
      default -> {
        String username = request.getParameter("username");
        accounts.create(
            "it-seed",
            username,
            "Seeded " + username,
            request.getParameter("password").toCharArray(),
            roles(request.getParameter("roles")));
        if ("false".equals(request.getParameter("enabled"))) {
          accounts.enable("it-seed", username, false);
        }
        response.setStatus(201);
      }
    }
  }

  private static String actor(HttpServletRequest request) {
    return Objects.requireNonNullElse(request.getParameter("actor"), "it-seed");
  }

  private static Set<Role> roles(String names) {
    if (names == null) {
      return EnumSet.of(Role.USER);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names.split(",")) {
      roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
    }
    return roles;
  }

  /**
   * Deletes the account and its links, as an administrator ({@code actor}) would; {@code
   * /login-attempts} forgets every counted sign-in attempt.
   */
  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/login-attempts".equals(request.getPathInfo())) {
      try (Connection db = dataSource.getConnection();
          PreparedStatement delete = db.prepareStatement("delete from login_attempt")) {
        delete.executeUpdate();
      } catch (SQLException e) {
        throw new IOException(e);
      }
    } else {
      accounts.delete(actor(request), request.getParameter("username"));
    }
    response.setStatus(204);
  }

  /** Enables or disables the account, as an administrator ({@code actor}) would. */
  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) {
    accounts.enable(
        actor(request),
        request.getParameter("username"),
        Boolean.parseBoolean(request.getParameter("enabled")));
    response.setStatus(204);
  }

  /**
   * The number of links with a uniqueID, or with {@code /accounts}, of accounts with a name; {@code
   * /admins}: the enabled administrators' usernames, comma-separated.
   */
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/heap".equals(request.getPathInfo())) {
      heap(request, response);
      return;
    }
    if ("/heap/audit-query".equals(request.getPathInfo())) {
      heapWithAuditQueryOpen(request, response);
      return;
    }
    response.setContentType("text/plain");
    if ("/session".equals(request.getPathInfo())) {
      response.getWriter().print(unserializableSessionAttributes(request));
      return;
    }
    if ("/admins".equals(request.getPathInfo())) {
      response
          .getWriter()
          .print(
              String.join(
                  ",",
                  em.createQuery(
                          "select a.username from UserAccount a where :admin member of a.roles"
                              + " and a.enabled = true order by a.username",
                          String.class)
                      .setParameter("admin", Role.ADMIN)
                      .getResultList()));
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
    response.getWriter().print(rows);
  }

  /**
   * What a server that replicates the session could not copy: each attribute of the caller's
   * session that does not serialise, with the reason, one a line; nothing when all do.
   */
  private static String unserializableSessionAttributes(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return "no session";
    }
    StringBuilder problems = new StringBuilder();
    for (String name : java.util.Collections.list(session.getAttributeNames())) {
      try (java.io.ObjectOutputStream out =
          new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
        out.writeObject(session.getAttribute(name));
      } catch (IOException e) {
        problems.append(name).append(": ").append(e).append('\n');
      }
    }
    return problems.toString();
  }

  /** Sets the link's last-seen an hour back, as if its user had not called for that long. */
  private void idle(String uniqueId) throws IOException {
    try (Connection db = dataSource.getConnection();
        PreparedStatement update =
            db.prepareStatement("update identity_link set last_seen_at = ? where unique_id = ?")) {
      update.setObject(1, Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC));
      update.setString(2, uniqueId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IOException(e);
    }
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
   * {@code /heap/audit-query?actor=}: the heap in use after a full collection while the audit
   * export's query for the actor is open at its first row, read by plain JDBC: what the database
   * itself holds for that query (an embedded H2 computes the whole result in this heap first).
   */
  private void heapWithAuditQueryOpen(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long bytes;
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      try (PreparedStatement query =
          db.prepareStatement(
              "select id, occurred_at, actor, action, target, detail from audit_event"
                  + " where actor = ? order by occurred_at desc, id desc")) {
        query.setFetchSize(500);
        query.setString(1, request.getParameter("actor"));
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          bytes = liveHeap();
        }
      } finally {
        db.rollback();
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException(e);
    }
    response.setContentType("text/plain");
    response.getWriter().print(bytes);
  }

  private static long liveHeap() {
    System.gc();
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getUsage().getUsed();
      }
    }
    return bytes;
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
