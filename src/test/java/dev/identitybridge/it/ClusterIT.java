package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one PostgreSQL: whatever one instance does, the other honours on the very next
 * request, and the database, not either instance, decides races and counts guesses.
 */
@Tag("cluster")
class ClusterIT {

  static final String GOOD = "/good/autodiscover/metadata/json/1";
  static final HeldCertificate KEY = FakeExchange.newSigningCertificate();

  @RegisterExtension static final TwoInstances INSTANCES = new TwoInstances();

  static Http one;
  static Http two;

  @BeforeAll
  static void connect() {
    FakeExchange.get().publish(GOOD, KEY);
    one = INSTANCES.http(0);
    two = INSTANCES.http(1);
  }

  static FakeExchange.Token token() {
    return FakeExchange.token(FakeExchange.get().url(GOOD), KEY);
  }

  /** The first call may wait for a forced refresh of the metadata (at most every second here). */
  static void awaitStatus(Http http, String token, int status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> http.postWithToken("api/session", token, "").status() == status);
  }

  static long linksInTheDatabase(String uniqueId) throws Exception {
    try (Connection db = TestDatabase.connect();
        PreparedStatement count =
            db.prepareStatement("select count(*) from identity_link where unique_id = ?")) {
      count.setString(1, uniqueId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void concurrentLinksOfOneIdentityThroughBothInstancesGiveExactlyOneLink() throws Exception {
    FakeExchange.Token mailbox = token();
    String signed = mailbox.signed();
    awaitStatus(one, signed, 401);
    awaitStatus(two, signed, 401);
    List<String> users = new ArrayList<>();
    List<String> passwords = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String user = Seed.unique("race");
      users.add(user);
      passwords.add(Seed.account(one, user, true));
    }

    List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      Http via = i % 2 == 0 ? one : two;
      replies.add(
          via.sendAsync(
              via.request("api/links")
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + signed)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\":"
                              + Http.quote(users.get(i))
                              + ",\"password\":"
                              + Http.quote(passwords.get(i))
                              + "}"))
                  .build()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Http.Reply> reply : replies) {
      statuses.add(reply.get().status());
    }

    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(linksInTheDatabase(mailbox.uniqueId())).isEqualTo(1);
  }

  @Test
  void anUnlinkOrADisableOnOneIsHonouredByTheOtherOnTheNextRequest() {
    String user = Seed.unique("shared");
    String password = Seed.account(one, user, true);
    String signed = token().signed();
    awaitStatus(one, signed, 401);
    assertThat(Seed.link(one, signed, user, password).status()).isEqualTo(201);
    assertThat(two.postWithToken("api/session", signed, "").status()).isEqualTo(200);

    Seed.enable(one, user, false);
    Http.Reply disabled = two.postWithToken("api/session", signed, "");
    assertThat(disabled.status()).isEqualTo(401);
    assertThat(disabled.json().getString("code")).isEqualTo("link_required");

    Seed.enable(two, user, true);
    assertThat(one.postWithToken("api/session", signed, "").status()).isEqualTo(200);
    assertThat(one.deleteWithToken("api/links/current", signed).status()).isEqualTo(204);
    Http.Reply unlinked = two.postWithToken("api/session", signed, "");
    assertThat(unlinked.status()).isEqualTo(401);
    assertThat(unlinked.json().getString("code")).isEqualTo("link_required");
  }

  @Test
  void aNewPasswordSetOnOneIsTheOnlyOneTheOtherAccepts() {
    String user = Seed.unique("renewed");
    String old = Seed.account(one, user, true);
    String first = token().signed();
    awaitStatus(two, first, 401);
    // The other instance has just read the account with its old password.
    assertThat(Seed.link(two, first, user, old).status()).isEqualTo(201);

    String fresh = ServerOutput.secret("renewed-" + UUID.randomUUID());
    Seed.resetPassword(one, user, fresh);

    String second = token().signed();
    assertThat(Seed.link(two, second, user, old).status()).as("the old password").isEqualTo(401);
    assertThat(Seed.link(two, second, user, fresh).status()).as("the new one").isEqualTo(201);
  }

  @Test
  void anAdminSessionEndsOnTheOtherInstanceWhenTheAccountChangesOnOne() {
    String user = Seed.unique("steward");
    String password = Seed.admin(one, user);
    AdminHttp browser = new AdminHttp();
    browser.signIn(TwoInstances.url(0).toString(), user, password);
    assertThat(browser.signedIn(TwoInstances.url(1) + "admin/links.xhtml"))
        .as("the session carried to the other instance")
        .isTrue();

    Seed.resetPassword(one, user, ServerOutput.secret("steward-" + UUID.randomUUID()));

    assertThat(browser.signedIn(TwoInstances.url(1) + "admin/links.xhtml"))
        .as("after a new password set through the first")
        .isFalse();
  }

  @Test
  void theLockOutCountsGuessesThroughBothInstancesTogether() {
    String user = Seed.unique("guessed");
    String password = Seed.account(one, user, true);
    String signed = token().signed();
    awaitStatus(one, signed, 401);
    awaitStatus(two, signed, 401);

    // IDENTITYBRIDGE_LOGIN_MAX_FAILURES is 3 in the tests: two guesses on one, one on the other.
    assertThat(Seed.link(one, signed, user, "wrong-1").status()).isEqualTo(401);
    assertThat(Seed.link(two, signed, user, "wrong-2").status()).isEqualTo(401);
    assertThat(Seed.link(one, signed, user, "wrong-3").status()).isEqualTo(401);

    Http.Reply locked = Seed.link(two, signed, user, password);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getString("code")).isEqualTo("too_many_attempts");
  }

  /**
   * Load with nothing lost: worker threads mix valid calls, invalid tokens, links and unlinks
   * through both instances for {@code it.load.duration} (a short run in CI; README gives the two
   * minutes' command). Each mailbox belongs to one worker, so the client knows exactly which links
   * it saw succeed; afterwards the database holds exactly those. No answer may be a 5xx.
   */
  @Test
  void aMixedLoadThroughBothInstancesLosesNothing() throws Exception {
    Duration duration = Duration.parse(System.getProperty("it.load.duration", "PT15S"));
    int workers = 6;
    int mailboxesPerWorker = 8;
    List<String> users = new ArrayList<>();
    List<String> passwords = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String user = Seed.unique("load");
      users.add(user);
      passwords.add(Seed.account(one, user, true));
    }
    List<List<FakeExchange.Token>> mailboxes = new ArrayList<>();
    List<java.util.Map<String, String>> seen = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      List<FakeExchange.Token> own = new ArrayList<>();
      for (int m = 0; m < mailboxesPerWorker; m++) {
        own.add(token());
      }
      mailboxes.add(own);
      seen.add(new java.util.HashMap<>());
    }
    String warmUp = mailboxes.get(0).get(0).signed();
    awaitStatus(one, warmUp, 401);
    awaitStatus(two, warmUp, 401);

    java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ConcurrentLinkedQueue<String> errors =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      List<String> signed = mailboxes.get(w).stream().map(FakeExchange.Token::signed).toList();
      threads.add(
          new Thread(
              () -> {
                java.util.Random random = new java.util.Random(worker);
                java.util.Map<String, String> mine = seen.get(worker);
                while (System.nanoTime() < end) {
                  Http via = random.nextBoolean() ? one : two;
                  int m = random.nextInt(signed.size());
                  String token = signed.get(m);
                  String uniqueId = mailboxes.get(worker).get(m).uniqueId();
                  Http.Reply reply;
                  int op = random.nextInt(4);
                  if (op == 0) {
                    reply = via.postWithToken("api/session", token, "");
                  } else if (op == 1) {
                    reply = via.postWithToken("api/session", token + "x", "");
                  } else if (op == 2) {
                    int a = random.nextInt(users.size());
                    reply = Seed.link(via, token, users.get(a), passwords.get(a));
                    if (reply.status() == 201) {
                      mine.put(uniqueId, users.get(a));
                    }
                  } else {
                    reply = via.deleteWithToken("api/links/current", token);
                    if (reply.status() == 204) {
                      mine.remove(uniqueId);
                    }
                  }
                  requests.incrementAndGet();
                  if (reply.status() >= 500) {
                    errors.add(op + " " + reply.status() + " " + reply.body());
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    java.util.Map<String, String> expected = new java.util.HashMap<>();
    seen.forEach(expected::putAll);
    java.util.Map<String, String> stored = new java.util.HashMap<>();
    java.util.Set<String> pool = new java.util.HashSet<>();
    mailboxes.forEach(list -> list.forEach(t -> pool.add(t.uniqueId())));
    try (Connection db = TestDatabase.connect();
        ResultSet rows =
            db.createStatement()
                .executeQuery(
                    "select l.unique_id, a.username from identity_link l"
                        + " join user_account a on a.id = l.account_id")) {
      while (rows.next()) {
        if (pool.contains(rows.getString(1))) {
          stored.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    System.out.printf(
        "Load run: %s, %d requests through 2 instances, %d 5xx, %d links expected, %d stored%n",
        duration, requests.get(), errors.size(), expected.size(), stored.size());
    assertThat(errors).as("5xx answers").isEmpty();
    assertThat(stored).as("the links table").isEqualTo(expected);
    assertThat(requests.get()).isPositive();
  }

  /** A connection to the server's maintenance database, from where the test one can be cut off. */
  static Connection maintenance() throws Exception {
    return java.sql.DriverManager.getConnection(
        "jdbc:postgresql://%s:%s/postgres"
            .formatted(
                System.getenv("IDENTITYBRIDGE_DB_HOST"), System.getenv("IDENTITYBRIDGE_DB_PORT")),
        System.getenv("IDENTITYBRIDGE_DB_USER"),
        System.getenv("IDENTITYBRIDGE_DB_PASSWORD"));
  }

  static void allowConnections(boolean allowed) throws Exception {
    String database = System.getenv("IDENTITYBRIDGE_DB_NAME").replace("\"", "\"\"");
    try (Connection db = maintenance();
        java.sql.Statement sql = db.createStatement()) {
      sql.execute("alter database \"" + database + "\" allow_connections " + allowed);
      if (!allowed) {
        sql.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                + database.replace("'", "''")
                + "' and pid <> pg_backend_pid()");
      }
    }
  }

  /**
   * The database cut off under both instances (its connections terminated, new ones refused):
   * requests that need it answer 503 problem+json, readiness is DOWN, a link attempt writes
   * nothing; once it is back, both serve again without a restart.
   */
  @Test
  void aDatabaseOutageAnswers503AndHealsWithoutARestart() throws Exception {
    // Only the run's own PostgreSQL is cut off, never a server that others may be using.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Boolean.getBoolean("it.db.embedded"), "the PostgreSQL is not the run's own");
    String user = Seed.unique("outage");
    String password = Seed.account(one, user, true);
    String linked = token().signed();
    awaitStatus(one, linked, 401);
    assertThat(Seed.link(one, linked, user, password).status()).isEqualTo(201);
    FakeExchange.Token other = token();
    String unlinked = other.signed();
    awaitStatus(two, unlinked, 401);

    allowConnections(false);
    try {
      for (Http via : List.of(one, two)) {
        Http.Reply session = via.postWithToken("api/session", linked, "");
        assertThat(session.status()).as("a session during the outage").isEqualTo(503);
        assertThat(session.contentType()).startsWith("application/problem+json");
        assertThat(session.json().getString("code")).isEqualTo("database_unavailable");
        assertThat(session.body()).doesNotContain("Exception");
        Http.Reply link = Seed.link(via, unlinked, user, password);
        assertThat(link.status()).as("a link during the outage").isEqualTo(503);
        Http.Reply ready = via.send(via.request("api/health/ready").build());
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().getString("status")).isEqualTo("DOWN");
      }
    } finally {
      allowConnections(true);
    }

    assertThat(linksInTheDatabase(other.uniqueId())).as("nothing written").isZero();
    for (Http via : List.of(one, two)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> via.postWithToken("api/session", linked, "").status() == 200);
      assertThat(via.send(via.request("api/health/ready").build()).status()).isEqualTo(200);
    }
  }
}
