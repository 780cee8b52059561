package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
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
  void locksAUsernameOutAfterRepeatedFailuresUntilTheLockoutEnds() throws Exception {
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

    Thread.sleep(Duration.ofSeconds(retryAfter).plusMillis(500).toMillis());
    assertThat(link(token, carol, password).status()).isEqualTo(201);
  }

  @Test
  void refusesADisabledAccountWithItsOwnCode() {
    String dave = Seed.unique("dave");
    String password = Seed.account(http, dave, false);

    Http.Reply reply = link(newMailbox().signed(), dave, password);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().getString("code")).isEqualTo("account_disabled");
  }

  @Test
  void refusesTheSessionOfALinkedAccountOnceItIsDisabled() {
    String erin = Seed.unique("erin");
    String password = Seed.account(http, erin, true);
    String token = newMailbox().signed();
    assertThat(link(token, erin, password).status()).isEqualTo(201);

    Seed.enable(http, erin, false);

    Http.Reply reply = session(token);
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().getString("code")).isEqualTo("account_disabled");
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

    assertThat(statuses).containsOnly(201, 409);
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
