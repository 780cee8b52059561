package dev.identitybridge.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A first-time user links their mailbox to a local account, then the add-in's calls are
 * authenticated as that account. Through HTTP, with tokens from the test's own metadata server.
 */
class AccountLinkingIT extends ServerIntegration {

  static final String GOOD = "/good/autodiscover/metadata/json/1";
  static final HeldCertificate KEY = FakeExchange.newSigningCertificate();

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeExchange.get().publish(GOOD, KEY);
    return Deployments.withSeeding();
  }

  @BeforeEach
  void forgetEarlierSignInAttempts() {
    Seed.forgetSignInAttempts(http);
  }

  @AfterEach
  void forgetSignInAttempts() {
    Seed.forgetSignInAttempts(http);
  }

  private FakeExchange.Token newMailbox() {
    return FakeExchange.token(FakeExchange.get().url(GOOD), KEY);
  }

  private Http.Reply link(String token, String username, String password) {
    return Seed.link(http, token, username, password);
  }

  private Http.Reply session(String token) {
    return http.postWithToken("api/session", token, "");
  }

  @Test
  void firstTimeUserLinksTheirMailboxThenIsRecognised() {
    String alice = Seed.unique("alice");
    String password = Seed.account(http, alice, true);
    FakeExchange.Token mailbox = newMailbox();
    String token = mailbox.signed();

    Http.Reply before = session(token);
    assertThat(before.status()).isEqualTo(401);
    assertThat(before.json().getString("code")).isEqualTo("link_required");
    assertThat(before.header("WWW-Authenticate")).startsWith("Bearer");

    Http.Reply linked = link(token, alice, password);
    assertThat(linked.status()).isEqualTo(201);
    assertThat(linked.json().getJsonObject("account").getString("username")).isEqualTo(alice);

    Http.Reply after = session(token);
    assertThat(after.status()).isEqualTo(200);
    JsonObject body = after.json();
    assertThat(body.getJsonObject("account").getString("username")).isEqualTo(alice);
    assertThat(body.getJsonObject("identity").getString("uniqueID")).isEqualTo(mailbox.uniqueId());
    assertThat(body.getJsonObject("identity").getString("realm")).isEqualTo("contoso.test");

    JsonObject unpacked =
        http.post(
                "IdentityTestService/UnpackTokenJSON",
                "{\"token\":" + Http.quote(token) + ",\"phoneNumbers\":[]}")
            .json();
    assertThat(unpacked.getJsonObject("link").getBoolean("linked")).isTrue();
    assertThat(unpacked.getJsonObject("link").getString("username")).isEqualTo(alice);

    String everything = before.body() + linked.body() + after.body();
    assertThat(everything).doesNotContain(token).doesNotContain(password);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    String bob = Seed.unique("bob");
    Seed.account(http, bob, true);
    String token = newMailbox().signed();

    String wrong = ServerOutput.secret("not-the-password-" + UUID.randomUUID());
    Http.Reply wrongPassword = link(token, bob, wrong);
    Http.Reply unknownUser = link(token, Seed.unique("nobody"), wrong);

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.json().getString("code")).isEqualTo("invalid_credentials");
    assertThat(unknownUser.json()).isEqualTo(wrongPassword.json());
    assertThat(session(token).json().getString("code")).isEqualTo("link_required");
  }

  @Test
  void locksAUsernameOutAfterRepeatedFailuresUntilTheLockoutEnds() {
    String carol = Seed.unique("carol");
    String password = Seed.account(http, carol, true);
    String token = newMailbox().signed();
    for (int i = 0; i < 3; i++) {
      assertThat(link(token, carol, "wrong-" + i).status()).isEqualTo(401);
    }

    Http.Reply locked = link(token, carol, password);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getString("code")).isEqualTo("too_many_attempts");
    long retryAfter = Long.parseLong(locked.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 4L);

    Seed.passTime(http, Duration.ofSeconds(retryAfter).minusMillis(500));
    assertThat(link(token, carol, password).status()).isEqualTo(429);
    Seed.passTime(http, Duration.ofMillis(600));
    assertThat(link(token, carol, password).status()).isEqualTo(201);
  }

  @Test
  void parallelGuessesGetNoMoreThanTheLimitOfPasswordChecksInAnyLockPeriod() throws Exception {
    String judy = Seed.unique("judy");
    String password = Seed.account(http, judy, true);
    String token = newMailbox().signed();
    String wrong = "{\"username\":" + Http.quote(judy) + ",\"password\":\"not-judys-password\"}";

    for (int period = 0; period < 3; period++) {
      List<CompletableFuture<Http.Reply>> guesses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        guesses.add(
            http.sendAsync(
                http.request("api/links")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(wrong))
                    .build()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Http.Reply> guess : guesses) {
        statuses.add(guess.get().status());
      }

      // 401: the guess reached the password check; 429: it was refused before.
      assertThat(statuses).as("period %d", period).containsOnly(401, 429);
      assertThat(statuses).as("period %d", period).filteredOn(s -> s == 401).hasSize(3);
      assertThat(link(token, judy, password).status()).as("locked").isEqualTo(429);
      if (TestDatabase.isPostgresql()) {
        assertLockedInPostgresql(judy);
      }
      Seed.passTime(http, Duration.ofSeconds(5));
    }
    assertThat(link(token, judy, password).status()).isEqualTo(201);
  }

  /** The counters are in the database that every instance shares, not in one server's memory. */
  private static void assertLockedInPostgresql(String username) throws Exception {
    String key =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        ("MAILBOX_LINK\n" + username.toLowerCase(Locale.ROOT)).getBytes(UTF_8)));
    try (Connection db = TestDatabase.connect();
        PreparedStatement row =
            db.prepareStatement(
                "select failures, pending, locked_until from login_attempt where attempt_key = ?")) {
      row.setString(1, key);
      try (ResultSet rows = row.executeQuery()) {
        assertThat(rows.next()).as("the username's row in PostgreSQL").isTrue();
        assertThat(rows.getInt("failures")).isEqualTo(3);
        assertThat(rows.getInt("pending")).isZero();
        assertThat(rows.getObject("locked_until")).isNotNull();
      }
    }
  }

  @Test
  void aDisabledAccountsRightPasswordGetsTheAnswerOfAWrongOne() {
    String dave = Seed.unique("dave");
    String password = Seed.account(http, dave, false);
    String token = newMailbox().signed();

    Http.Reply right = link(token, dave, password);
    Http.Reply wrong = link(token, dave, ServerOutput.secret("not-daves-" + UUID.randomUUID()));

    assertThat(right.status()).isEqualTo(401);
    assertThat(right.json()).isEqualTo(wrong.json());
    assertThat(right.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"));
    assertThat(session(token).json().getString("code")).isEqualTo("link_required");
  }

  @Test
  void aMailboxLinkedToADisabledAccountLooksUnlinked() {
    String erin = Seed.unique("erin");
    String password = Seed.account(http, erin, true);
    String token = newMailbox().signed();
    assertThat(link(token, erin, password).status()).isEqualTo(201);

    Seed.enable(http, erin, false);

    Http.Reply reply = session(token);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().getString("code")).isEqualTo("link_required");
    JsonObject unpacked =
        http.post(
                "IdentityTestService/UnpackTokenJSON",
                "{\"token\":" + Http.quote(token) + ",\"phoneNumbers\":[]}")
            .json();
    assertThat(unpacked.getJsonObject("link").getBoolean("linked")).isFalse();
    assertThat(unpacked.getJsonObject("link").get("username")).isIn(null, JsonValue.NULL);
    assertThat(unpacked.toString()).doesNotContain(erin);
    assertThat(http.deleteWithToken("api/links/current", token).json().getString("code"))
        .isEqualTo("not_linked");

    Seed.enable(http, erin, true);
    assertThat(session(token).status()).as("the link is kept").isEqualTo(200);
  }

  @Test
  void refusesOverLongCredentialsWithAProblemAndChecksLongPassphrases() {
    String kim = Seed.unique("kim");
    Seed.account(http, kim, true);
    String token = newMailbox().signed();

    Http.Reply longName = link(token, "k".repeat(65), "whatever-password");
    Http.Reply tooLong = link(token, kim, "p".repeat(1025));
    Http.Reply blank = link(token, "   ", "whatever-password");
    Http.Reply passphrase = link(token, kim, "p".repeat(1024));

    assertThat(List.of(longName, tooLong, blank))
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).isEqualTo(400);
              assertThat(reply.json().getString("code")).isEqualTo("invalid_request");
            });
    assertThat(tooLong.json().getString("detail")).contains("1,024");
    assertThat(passphrase.status()).isEqualTo(401);
  }

  @Test
  void twentyParallelSessionsOfAnIdleUserAllSucceed() throws Exception {
    String liam = Seed.unique("liam");
    FakeExchange.Token mailbox = newMailbox();
    String token = mailbox.signed();
    assertThat(link(token, liam, Seed.account(http, liam, true)).status()).isEqualTo(201);
    Seed.idle(http, mailbox.uniqueId());

    List<CompletableFuture<Http.Reply>> sessions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sessions.add(
          http.sendAsync(
              http.request("api/session")
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Http.Reply> session : sessions) {
      statuses.add(session.get().status());
    }

    assertThat(statuses).containsOnly(200);
    Instant lastSeen =
        Instant.parse(session(token).json().getJsonObject("identity").getString("lastSeenAt"));
    assertThat(lastSeen).as("last-seen was written").isAfter(Instant.now().minusSeconds(600));
  }

  @Test
  void forwardedAddressesAreBelievedOnlyFromATrustedProxy() throws Exception {
    // pom.xml trusts 127.0.0.2 as a proxy (IDENTITYBRIDGE_TRUSTED_PROXIES); 127.0.0.3 is anyone.
    String token = newMailbox().signed();
    int perClient = 20;

    assertThat(failuresFrom("127.0.0.2", perClient, i -> "198.51.100.7")).containsOnly(401);
    assertThat(failuresFrom("127.0.0.2", 1, i -> "198.51.100.7"))
        .as("the forwarded client is locked")
        .containsOnly(429);
    assertThat(failuresFrom("127.0.0.2", 1, i -> "198.51.100.8"))
        .as("another client behind the same proxy is not")
        .containsOnly(401);

    assertThat(failuresFrom("127.0.0.3", perClient, i -> "198.51.100." + (20 + i)))
        .containsOnly(401);
    assertThat(failuresFrom("127.0.0.3", 1, i -> "198.51.100.99"))
        .as("a header from a client that is no proxy changes nothing")
        .containsOnly(429);
    assertThat(link(token, Seed.unique("nobody"), "wrong-password").status()).isEqualTo(401);
  }

  /**
   * Wrong passwords of made-up users, sent at once over connections from a local address (the whole
   * of 127.0.0.0/8 is this machine), each with the X-Forwarded-For that {@code forwardedFor} gives;
   * their statuses.
   */
  private List<Integer> failuresFrom(
      String localAddress, int count, IntFunction<String> forwardedFor) throws Exception {
    String token = newMailbox().signed();
    List<CompletableFuture<Integer>> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body =
          "{\"username\":"
              + Http.quote(Seed.unique("nobody"))
              + ",\"password\":\"wrong-password\"}";
      String header = forwardedFor.apply(i);
      replies.add(
          CompletableFuture.supplyAsync(
              () -> postFrom(localAddress, "api/links", token, header, body)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Integer> reply : replies) {
      statuses.add(reply.get());
    }
    return statuses;
  }

  /** POST over a plain socket bound to a local address: java.net.http cannot choose one. */
  private int postFrom(
      String localAddress, String path, String token, String forwardedFor, String body) {
    URI uri = URI.create(base.toString()).resolve(path);
    byte[] content = body.getBytes(UTF_8);
    String head =
        "POST "
            + uri.getRawPath()
            + " HTTP/1.1\r\nHost: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nX-Forwarded-For: "
            + forwardedFor
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + content.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      // "HTTP/1.1 401 Unauthorized..."
      return Integer.parseInt(reply.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLastEnabledAdministratorCannotBeRemovedEvenByTwoAdministratorsAtOnce() throws Exception {
    String ann = Seed.unique("ann");
    String ben = Seed.unique("ben");
    Seed.admin(http, ann);
    Seed.admin(http, ben);
    List<String> others = new ArrayList<>(Seed.enabledAdmins(http));
    others.removeAll(List.of(ann, ben));
    try {
      others.forEach(other -> Seed.enable(http, other, false));
      assertThat(Seed.enabledAdmins(http)).containsExactlyInAnyOrder(ann, ben);

      // Each demotes the other, at the same moment.
      CompletableFuture<Http.Reply> annDemotesBen = Seed.demoteAsync(http, ann, ben);
      CompletableFuture<Http.Reply> benDemotesAnn = Seed.demoteAsync(http, ben, ann);
      List<Http.Reply> replies = List.of(annDemotesBen.get(), benDemotesAnn.get());

      assertThat(replies).extracting(Http.Reply::status).containsExactlyInAnyOrder(204, 409);
      assertThat(replies)
          .filteredOn(r -> r.status() == 409)
          .first()
          .extracting(Http.Reply::body)
          .isEqualTo("last_admin");
      assertThat(Seed.enabledAdmins(http)).hasSize(1);
      String last = Seed.enabledAdmins(http).get(0);
      Http.Reply disable = Seed.tryToEnable(http, last, false);
      Http.Reply delete = Seed.tryToDelete(http, last);
      assertThat(List.of(disable, delete))
          .allSatisfy(
              reply -> {
                assertThat(reply.status()).isEqualTo(409);
                assertThat(reply.body()).isEqualTo("last_admin");
              });
      assertThat(Seed.enabledAdmins(http)).containsExactly(last);
    } finally {
      others.forEach(other -> Seed.enable(http, other, true));
    }
  }

  @Test
  void twoCreationsOfOneUsernameAtOnceGiveOneAccountAndRefusals() throws Exception {
    String mia = Seed.unique("mia");
    List<CompletableFuture<Http.Reply>> creations = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      creations.add(
          Seed.createAccountAsync(http, mia, ServerOutput.secret("pw-" + UUID.randomUUID())));
    }
    List<Http.Reply> replies = new ArrayList<>();
    for (CompletableFuture<Http.Reply> creation : creations) {
      replies.add(creation.get());
    }

    assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(replies)
        .filteredOn(r -> r.status() != 201)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).isEqualTo(409);
              assertThat(reply.body()).isEqualTo("username_taken");
            });
    assertThat(Seed.accounts(http, mia)).isEqualTo(1);
  }

  @Test
  void unlinksTheCallersOwnMailbox() {
    String frank = Seed.unique("frank");
    String password = Seed.account(http, frank, true);
    String token = newMailbox().signed();
    assertThat(link(token, frank, password).status()).isEqualTo(201);

    assertThat(http.deleteWithToken("api/links/current", token).status()).isEqualTo(204);

    assertThat(session(token).json().getString("code")).isEqualTo("link_required");
    Http.Reply again = http.deleteWithToken("api/links/current", token);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().getString("code")).isEqualTo("not_linked");
  }

  @Test
  void refusesToLinkAnIdentityThatIsLinkedElsewhere() {
    String grace = Seed.unique("grace");
    String heidi = Seed.unique("heidi");
    String gracePassword = Seed.account(http, grace, true);
    String heidiPassword = Seed.account(http, heidi, true);
    String token = newMailbox().signed();
    assertThat(link(token, grace, gracePassword).status()).isEqualTo(201);

    Http.Reply reply = link(token, heidi, heidiPassword);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().getString("code")).isEqualTo("identity_already_linked");
    assertThat(session(token).json().getJsonObject("account").getString("username"))
        .isEqualTo(grace);
  }

  @Test
  void twentyConcurrentLinksOfOneIdentityLeaveExactlyOneRow() throws Exception {
    String ivan = Seed.unique("ivan");
    String password = Seed.account(http, ivan, true);
    FakeExchange.Token mailbox = newMailbox();
    String token = mailbox.signed();
    String body =
        "{\"username\":" + Http.quote(ivan) + ",\"password\":" + Http.quote(password) + "}";

    List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(
          http.sendAsync(
              http.request("api/links")
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Http.Reply> reply : replies) {
      statuses.add(reply.get().status());
    }

    // Each attempt takes one of the username's places (limit 3 here) before its password is
    // checked, so some of the twenty are refused (429) before they get that far.
    assertThat(statuses).isSubsetOf(201, 409, 429);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(Seed.links(http, mailbox.uniqueId())).isEqualTo(1);
    if (TestDatabase.isPostgresql()) {
      try (Connection db = TestDatabase.connect();
          PreparedStatement count =
              db.prepareStatement("select count(*) from identity_link where unique_id = ?")) {
        count.setString(1, mailbox.uniqueId());
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          assertThat(rows.getLong(1)).as("rows in PostgreSQL").isEqualTo(1);
        }
      }
    }
  }

  @Test
  void refusesAMalformedLinkRequestWithAProblem() {
    String token = newMailbox().signed();

    Http.Reply notJson = http.postWithToken("api/links", token, "username=x");
    Http.Reply noPassword = http.postWithToken("api/links", token, "{\"username\":\"x\"}");

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");
    assertThat(noPassword.status()).isEqualTo(400);
    assertThat(noPassword.json().getString("detail")).contains("password");
  }
}
