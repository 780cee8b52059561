package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Test data through the test-only {@link SeedServlet} ({@link Deployments#withSeeding()}). */
public final class Seed {

  /** IDENTITYBRIDGE_METADATA_FORCED_REFRESH_INTERVAL in pom.xml. */
  static final Duration FORCED_REFRESH_INTERVAL = Duration.ofSeconds(1);

  private Seed() {}

  /** A name no other test uses. */
  public static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A fresh account with the role user; its password (a remembered secret) is returned. */
  public static String account(Http http, String username, boolean enabled) {
    return account(http, username, enabled, "user");
  }

  /** A fresh enabled account with the roles admin and user; its password is returned. */
  public static String admin(Http http, String username) {
    return account(http, username, true, "admin,user");
  }

  private static String account(Http http, String username, boolean enabled, String roles) {
    String password = ServerOutput.secret("pw-" + UUID.randomUUID());
    Http.Reply reply = http.send(accountCreation(http, username, enabled, roles, password));
    assertThat(reply.status()).as("seeding account %s", username).isEqualTo(201);
    return password;
  }

  /**
   * Starts creating an enabled account with the role user, as an administrator would, and leaves
   * the answer to the caller: 201, or 409 with the reason code (e.g. {@code username_taken}).
   */
  public static CompletableFuture<Http.Reply> createAccountAsync(
      Http http, String username, String password) {
    return http.sendAsync(accountCreation(http, username, true, "user", password));
  }

  private static HttpRequest accountCreation(
      Http http, String username, boolean enabled, String roles, String password) {
    return http.request(
            "it-seed/accounts?username="
                + encode(username)
                + "&enabled="
                + enabled
                + "&roles="
                + roles
                + "&password="
                + encode(password))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  /** Enables or disables the account, as an administrator would. */
  public static void enable(Http http, String username, boolean enabled) {
    assertThat(tryToEnable(http, username, enabled).status())
        .as("enabling %s: %s", username, enabled)
        .isEqualTo(204);
  }

  /**
   * Enables or disables the account, as the administrator it-seed would, and leaves the answer to
   * the caller: 204, or 409 with the reason code (e.g. {@code last_admin}).
   */
  public static Http.Reply tryToEnable(Http http, String username, boolean enabled) {
    return http.send(
        http.request("it-seed/accounts?enabled=" + enabled + "&username=" + encode(username))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** Deletes the account and its links, as an administrator would. */
  public static void delete(Http http, String username) {
    assertThat(tryToDelete(http, username).status())
        .as("deleting account %s", username)
        .isEqualTo(204);
  }

  /**
   * Deletes the account as {@link #delete} does, and leaves the answer (204 or 409) to the caller.
   */
  public static Http.Reply tryToDelete(Http http, String username) {
    return http.send(
        http.request("it-seed/accounts?username=" + encode(username)).DELETE().build());
  }

  /**
   * Starts giving the account only the role user, as the administrator {@code actor} would, and
   * leaves the answer to the caller: 204, or 409 with the reason code (e.g. {@code last_admin}).
   */
  public static CompletableFuture<Http.Reply> demoteAsync(
      Http http, String actor, String username) {
    return http.sendAsync(
        http.request(
                "it-seed/roles?roles=user&actor=" + encode(actor) + "&username=" + encode(username))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** The usernames of the enabled administrators, read in the database. */
  public static List<String> enabledAdmins(Http http) {
    Http.Reply reply = http.send(http.request("it-seed/admins").GET().build());
    assertThat(reply.status()).as("reading the administrators").isEqualTo(200);
    return reply.body().isEmpty() ? List.of() : List.of(reply.body().split(","));
  }

  /** Makes the link look unused for an hour, as if its user had not called for that long. */
  public static void idle(Http http, String uniqueId) {
    Http.Reply reply =
        http.send(
            http.request("it-seed/links/idle?uniqueId=" + encode(uniqueId))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(reply.status()).as("making link %s idle", uniqueId).isEqualTo(204);
  }

  /**
   * {@code count} links to the account, numbered from {@code from}: uniqueIDs are the prefix and a
   * 9-digit number, ids {@code firstId} plus that number (see {@link SeedServlet}).
   */
  public static void bulkLinks(
      Http http, String username, String prefix, long firstId, int from, int count) {
    Http.Reply reply =
        http.send(
            http.request(
                    "it-seed/bulk-links?from=%d&count=%d&username=%s&prefix=%s&firstId=%d"
                        .formatted(from, count, encode(username), encode(prefix), firstId))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(reply.status()).as("seeding links %d to %d", from, from + count).isEqualTo(201);
  }

  /** How many accounts have this username (0 or 1), read in the database. */
  public static long accounts(Http http, String username) {
    return count(http, "it-seed/accounts?username=" + encode(username));
  }

  /** How many identity links have this uniqueID (0 or 1), read in the database. */
  public static long links(Http http, String uniqueId) {
    return count(http, "it-seed/links?uniqueId=" + encode(uniqueId));
  }

  private static long count(Http http, String path) {
    Http.Reply reply = http.send(http.request(path).GET().build());
    assertThat(reply.status()).as(path).isEqualTo(200);
    return Long.parseLong(reply.body());
  }

  /** Sets a new password for the account, as an administrator would; its links stay. */
  public static void resetPassword(Http http, String username, String password) {
    Http.Reply reply =
        http.send(
            http.request("it-seed/password?username=" + encode(username))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=" + encode(password)))
                .build());
    assertThat(reply.status()).as("new password of " + username).isEqualTo(204);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Moves the server's clock ({@link ShiftedClock}) forward, e.g. past a lock-out, instead of
   * waiting for it.
   */
  public static void passTime(Http http, Duration duration) {
    Http.Reply reply =
        http.send(
            http.request("it-seed/clock?shift=" + duration)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(reply.status()).as("moving the server's clock").isEqualTo(204);
  }

  /**
   * Moves the server's clock past the forced-refresh interval of the key sources (PT1S in pom.xml),
   * so that the next unknown key id fetches its source again instead of being refused unfetched.
   */
  public static void passForcedRefreshInterval(Http http) {
    passTime(http, FORCED_REFRESH_INTERVAL.plusSeconds(1));
  }

  /**
   * Forgets every counted sign-in attempt, so that one test's failures (and a clock moved forward)
   * cannot lock out the next test's client or accounts.
   */
  public static void forgetSignInAttempts(Http http) {
    Http.Reply reply = http.send(http.request("it-seed/login-attempts").DELETE().build());
    assertThat(reply.status()).as("forgetting the sign-in attempts").isEqualTo(204);
  }

  /**
   * Links the token's mailbox to the account through the add-in's API ({@code POST /api/links}).
   */
  public static Http.Reply link(Http http, String token, String username, String password) {
    return http.postWithToken(
        "api/links",
        token,
        "{\"username\":" + Http.quote(username) + ",\"password\":" + Http.quote(password) + "}");
  }

  /**
   * {@code count} audit events by the actor, one a second going back from now, ids from {@code
   * firstId}; the newest carries the detail, the others {@code "row <n>"}.
   */
  public static void bulkAudit(Http http, String actor, long firstId, int count, String detail) {
    Http.Reply reply =
        http.send(
            http.request(
                    "it-seed/bulk-audit?actor=%s&firstId=%d&count=%d&detail=%s"
                        .formatted(encode(actor), firstId, count, encode(detail)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(reply.status()).as("seeding %d audit events", count).isEqualTo(201);
  }

  /** The server's heap in use after a full collection, in bytes; its peak starts again from it. */
  public static long liveHeap(Http http) {
    return count(http, "it-seed/heap?reset=true");
  }

  /** The server's peak heap use since the last {@link #liveHeap}, in bytes. */
  public static long peakHeap(Http http) {
    return count(http, "it-seed/heap");
  }

  /**
   * The server's heap in use after a full collection while the audit export's query for the actor
   * is open, read by plain JDBC: with an embedded database, what the database itself holds for it.
   */
  public static long liveHeapWithAuditQueryOpen(Http http, String actor) {
    return count(http, "it-seed/heap/audit-query?actor=" + encode(actor));
  }
}
