package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on: the metrics count exactly what happened, only the scraper sees them,
 * a certificate near its end warns without taking the instance out of rotation, and the audit log
 * exports in full, streamed.
 */
class OperationsIT extends ServerIntegration {

  private static final Logger LOG = Logger.getLogger(OperationsIT.class.getName());

  static final String GOOD = "/good/autodiscover/metadata/json/1";
  static final String EXPIRING = "/expiring/autodiscover/metadata/json/1";
  static final HeldCertificate KEY = FakeExchange.newSigningCertificate();
  static final HeldCertificate ENDING_SOON =
      new HeldCertificate.Builder()
          .commonName("Exchange signing, ending soon")
          .duration(10, TimeUnit.DAYS)
          .rsa2048()
          .build();
  static final String SCRAPE_SECRET = ServerOutput.secret("it-metrics-scrape-secret");

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeExchange.get().publish(GOOD, KEY);
    FakeExchange.get().publish(EXPIRING, ENDING_SOON);
    return Deployments.withSeeding();
  }

  private String scrape() {
    Http.Reply reply =
        http.send(
            http.request("api/metrics").header("Authorization", "Bearer " + SCRAPE_SECRET).build());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    return reply.body();
  }

  /** The value of one series, 0 when it has not been created yet. */
  private static double value(String scrape, String series) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  private static String validations(String kind, String outcome) {
    return "identitybridge_token_validations_total{kind=\""
        + kind
        + "\",outcome=\""
        + outcome
        + "\"}";
  }

  /** The sum of every series of the counter, whatever its labels. */
  private static double total(String scrape, String counter) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(counter + "{") || line.startsWith(counter + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private Http.Reply unpack(String token) {
    return http.post(ExchangeTokenIT.ENDPOINT, "{\"token\":" + Http.quote(token) + "}");
  }

  /** A token of the sandbox's Entra tenant for the mailbox (remembered as a log secret). */
  private String sandboxEntraToken(String mailbox) {
    Http.Reply reply =
        http.post(
            "api/sandbox/tokens", "{\"mailbox\":" + Http.quote(mailbox) + ",\"kind\":\"entra\"}");
    assertThat(reply.status()).isEqualTo(200);
    return ServerOutput.secret(reply.json().getString("token"));
  }

  /**
   * Locks out a fresh account's username for mailbox linking and another's for the admin sign-in,
   * each by failing its password as often as allowed (3 in these tests).
   */
  private void lockOutTwoUsernames() {
    String linking = Seed.unique("locked-link");
    Seed.account(http, linking, true);
    String mailbox =
        ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed());
    for (int i = 0; i < 3; i++) {
      assertThat(Seed.link(http, mailbox, linking, "wrong-password").status()).isEqualTo(401);
    }
    assertThat(Seed.link(http, mailbox, linking, "wrong-password").status()).isEqualTo(429);
    String admin = Seed.unique("locked-admin");
    String password = Seed.admin(http, admin);
    AdminHttp form = new AdminHttp();
    for (int i = 0; i < 3; i++) {
      form.signIn(base.toString(), admin, "wrong-password");
    }
    form.signIn(base.toString(), admin, password);
    assertThat(form.signedIn(base + "admin/"))
        .as("locked: even the right password fails")
        .isFalse();
  }

  @Test
  void theMetricsCountExactlyWhatWasSent() {
    Seed.forgetSignInAttempts(http);
    String valid = validations("exchange", "valid");
    String expired = validations("exchange", "token_expired");
    String malformed = validations("unknown", "malformed_token");
    String entraValid = validations("entra", "valid");
    String before = scrape();

    for (int i = 0; i < 3; i++) {
      unpack(ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed()));
    }
    for (int i = 0; i < 2; i++) {
      FakeExchange.Token old =
          FakeExchange.token(FakeExchange.get().url(GOOD), KEY)
              .notBefore(Instant.now().minus(Duration.ofHours(3)))
              .expires(Instant.now().minus(Duration.ofHours(1)));
      assertThat(unpack(ServerOutput.secret(old.signed())).json().getString("code"))
          .isEqualTo("token_expired");
    }
    assertThat(http.postWithToken("api/session", "not-a-token", "").status()).isEqualTo(401);
    String username = Seed.unique("metrics");
    String mailbox =
        ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed());
    assertThat(Seed.link(http, mailbox, username, Seed.account(http, username, true)).status())
        .isEqualTo(201);
    assertThat(http.postWithToken("api/session", mailbox, "").status()).isEqualTo(200);
    assertThat(http.deleteWithToken("api/links/current", mailbox).status()).isBetween(200, 204);
    String entra = sandboxEntraToken(Seed.unique("metrics-entra"));
    assertThat(http.postWithToken("api/session", entra, "").json().getString("code"))
        .isEqualTo("link_required");
    assertThat(http.postWithToken("api/session", entra, "").status()).isEqualTo(401);
    // 4 tokens for the mailbox linking, each validated; the admin sign-in validates none.
    lockOutTwoUsernames();
    // The lock-outs last 4 s here: the server's clock goes back while they are counted.
    Seed.passTime(http, Duration.ofMinutes(-10));
    String after;
    try {
      after = scrape();
    } finally {
      Seed.passTime(http, Duration.ofMinutes(10));
      Seed.forgetSignInAttempts(http);
    }

    assertThat(value(after, valid) - value(before, valid)).isEqualTo(6 + 4);
    assertThat(value(after, expired) - value(before, expired)).isEqualTo(2);
    assertThat(value(after, malformed) - value(before, malformed)).isEqualTo(1);
    assertThat(value(after, entraValid) - value(before, entraValid)).isEqualTo(2);
    assertThat(
            total(after, "identitybridge_token_validations_total")
                - total(before, "identitybridge_token_validations_total"))
        .as("nothing else was counted")
        .isEqualTo(6 + 4 + 2 + 1 + 2);
    assertThat(
            value(after, "identitybridge_token_validation_seconds_count{kind=\"entra\"}")
                - value(before, "identitybridge_token_validation_seconds_count{kind=\"entra\"}"))
        .isEqualTo(2);
    assertThat(
            value(after, "identitybridge_link_creations_total")
                - value(before, "identitybridge_link_creations_total"))
        .isEqualTo(1);
    assertThat(
            value(after, "identitybridge_link_removals_total")
                - value(before, "identitybridge_link_removals_total"))
        .isEqualTo(1);
    assertThat(
            value(after, "identitybridge_lockouts_total")
                - value(before, "identitybridge_lockouts_total"))
        .as("one lock-out for mailbox linking, one for the admin sign-in")
        .isEqualTo(2);
    assertThat(value(after, "identitybridge_lockouts_active")).isEqualTo(2);
    assertThat(
            value(
                    after,
                    "http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/api/session\"}")
                - value(
                    before,
                    "http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/api/session\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                    after,
                    "http_server_requests_seconds_count{method=\"POST\",status=\"401\",uri=\"/api/session\"}")
                - value(
                    before,
                    "http_server_requests_seconds_count{method=\"POST\",status=\"401\",uri=\"/api/session\"}"))
        .isEqualTo(3);
    assertThat(after)
        .contains(
            "identitybridge_key_fetches_total{outcome=\"success\"",
            "identitybridge_key_source_age_seconds{",
            "identitybridge_signing_certificate_expiry_days{",
            "jvm_memory_used_bytes{");
    assertThat(after).doesNotContain(mailbox, entra, SCRAPE_SECRET, "lockout_refusals");
  }

  @Test
  void onlyTheScraperSeesTheMetrics() {
    Http.Reply anonymous = http.send(http.request("api/metrics").build());
    Http.Reply wrong =
        http.send(
            http.request("api/metrics")
                .header("Authorization", "Bearer " + SCRAPE_SECRET + "x")
                .build());

    for (Http.Reply refused : new Http.Reply[] {anonymous, wrong}) {
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(refused.body()).doesNotContain("identitybridge_");
    }
  }

  @Test
  void aCertificateEndingInTenDaysWarnsInReadinessWhileStayingUp() {
    String x5t = FakeExchange.x5t(ENDING_SOON);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Http.Reply ready = http.send(http.request("api/health/ready").build());
              assertThat(ready.status()).isEqualTo(200);
              JsonObject health = ready.json();
              assertThat(health.getString("status")).isEqualTo("UP");
              JsonObject certificates =
                  health.getJsonArray("checks").stream()
                      .map(JsonObject.class::cast)
                      .filter(c -> c.getString("name").equals("signing-certificates"))
                      .findFirst()
                      .orElseThrow();
              assertThat(certificates.getString("status")).isEqualTo("UP");
              assertThat(certificates.getJsonArray("warnings").toString())
                  .contains(x5t, "expires on", "in 9 day(s)");
            });
  }

  /**
   * Exports the actor's events as CSV over a socket that takes little at a time, so that the server
   * cannot run ahead of this reader by more than its send buffer: after the first rows it is still
   * writing, and the heap it holds then is measured. Answers the lines after the header, the first
   * of them, the body's size and the heap's growth over the baseline at that moment.
   */
  private record Export(long lines, String first, long bytes, long heapGrowth) {}

  private Export exportSlowly(String actor, String session, long baseline) throws Exception {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
      socket.setSoTimeout(120_000);
      String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
      // HTTP/1.0: the body ends where the connection does, no chunks to take apart.
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + path
                      + "admin/audit-export?format=csv&actor="
                      + actor
                      + " HTTP/1.0\r\nHost: "
                      + base.getHost()
                      + ":"
                      + base.getPort()
                      + "\r\nCookie: "
                      + session
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 4096);
      assertThat(in.readLine()).contains(" 200 ");
      String contentType = "";
      for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
        if (header.regionMatches(true, 0, "Content-Type:", 0, 13)) {
          contentType = header.substring(13).strip();
        }
      }
      assertThat(contentType).startsWith("text/csv");
      assertThat(in.readLine()).isEqualTo("id,occurred_at,actor,action,target,detail");
      String first = in.readLine();
      long bytes = first.length() + 2;
      long lines = 1;
      for (int i = 0; i < 100; i++, lines++) {
        bytes += in.readLine().length() + 2;
      }
      long growth = Seed.liveHeap(http) - baseline;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines++;
        bytes += line.length() + 2;
      }
      return new Export(lines, first, bytes, growth);
    }
  }

  @Test
  void exportsAHundredThousandAuditEventsStreamedAndSafeForSpreadsheets() throws Exception {
    String actor = Seed.unique("bulk");
    int rows = 100_000;
    long firstId = 1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    Seed.bulkAudit(http, actor, firstId, rows, "=HYPERLINK(\"http://evil\")");
    String session;
    try (AdminBrowser browser = new AdminBrowser(base)) {
      session = browser.signInAsAdmin().cookies();
    }
    long baseline = Seed.liveHeap(http);
    // An embedded database (H2) computes the query's whole result in the server's heap: that
    // part is the database's, whatever the export does with the rows.
    long database = Seed.liveHeapWithAuditQueryOpen(http, actor) - baseline;
    baseline = Seed.liveHeap(http);

    Export export = exportSlowly(actor, session, baseline);

    long peak = Seed.peakHeap(http);
    long own = export.heapGrowth() - Math.max(0, database);
    String figures =
        "Audit export of %d rows (%d KiB): server heap %d MiB before; while streaming %d KiB more,"
                .formatted(
                    rows, export.bytes() / 1024, baseline / 1_048_576, export.heapGrowth() / 1024)
            + " of which the database's result %d KiB and the export's own %d KiB; peak %d MiB"
                .formatted(database / 1024, own / 1024, peak / 1_048_576);
    LOG.info(figures);
    System.out.println("AUDIT-EXPORT-HEAP " + figures);

    assertThat(export.lines()).isEqualTo(rows);
    assertThat(export.first())
        .startsWith(Long.toString(firstId) + ",")
        .endsWith(",\"'=HYPERLINK(\"\"http://evil\"\")\"");
    // Rows gathered in a list, or the body rendered before it is sent, would hold the whole
    // export several times over as Java objects (100,000 rows of six strings each) while the
    // reader is still at its start. Measured for an export of 9.4 MiB: about 2 MiB of its own on
    // Payara with H2, 8 MiB on WildFly (where the database's share does not measure apart from
    // the garbage collector's noise); twice the export's size leaves room for that noise.
    assertThat(own).as(figures).isLessThan(export.bytes() * 2);

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    Http.Reply json =
        http.send(
            http.request(
                    "admin/audit-export?format=json&actor="
                        + actor
                        + "&action=ACCOUNT_UPDATED&from="
                        + Instant.parse(export.first().split(",")[1]).minusSeconds(9)
                        + "&to="
                        + today)
                .header("Cookie", session)
                .build());
    assertThat(json.status()).isEqualTo(200);
    var events = jakarta.json.Json.createReader(new java.io.StringReader(json.body())).readArray();
    assertThat(events.size()).isEqualTo(10);
    assertThat(events.getJsonObject(0).getString("detail"))
        .isEqualTo("=HYPERLINK(\"http://evil\")");

    Http.Reply bad =
        http.send(http.request("admin/audit-export?format=xlsx").header("Cookie", session).build());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(
            http.send(
                    http.request("admin/audit-export?from=yesterday")
                        .header("Cookie", session)
                        .build())
                .status())
        .isEqualTo(400);
    Http.Reply anonymous = http.send(http.request("admin/audit-export?format=csv").build());
    assertThat(anonymous.status()).isNotEqualTo(200);
    assertThat(anonymous.body()).doesNotContain(actor);
  }

  @Test
  void theDashboardDrawsTodaysSignInsAndWarnsOfTheEndingCertificate() {
    String x5t = FakeExchange.x5t(ENDING_SOON);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> http.send(http.request("api/health/ready").build()).body().contains(x5t));
    // An unlinked mailbox, a linked one and a token that is none.
    unpack(ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed()));
    String username = Seed.unique("dashboard");
    String linked =
        ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed());
    assertThat(Seed.link(http, linked, username, Seed.account(http, username, true)).status())
        .isEqualTo(201);
    unpack(linked);
    unpack("not-a-token");
    try (AdminBrowser browser = new AdminBrowser(base)) {
      browser.signInAsAdmin().open("admin/");

      assertThat(browser.path()).startsWith("admin/dashboard.xhtml");
      assertThat(browser.text("expiring")).contains(x5t, "in 9 day(s)");
      assertThat(Long.parseLong(browser.text("signIns"))).isGreaterThanOrEqualTo(4);
      assertThat(Long.parseLong(browser.text("rejected"))).isGreaterThanOrEqualTo(1);
      String byOutcome = browser.text("byOutcome");
      assertThat(byOutcome).contains("linked", "link_required", "malformed_token");
      assertThat(byOutcome).as("no series of valid tokens").doesNotContainPattern("(?m)^valid\\b");
      assertThat(browser.text("byKind")).contains("exchange", "unknown");
      assertThat(
              browser
                  .driver()
                  .findElements(org.openqa.selenium.By.cssSelector("#byOutcome svg.chart rect")))
          .isNotEmpty();
      assertThat(
              browser.driver().findElements(org.openqa.selenium.By.cssSelector("#links polyline")))
          .hasSize(1);
      browser.screenshot("dashboard");

      browser.open("admin/keys.xhtml");
      assertThat(browser.text("expiring")).contains(x5t);

      Seed.forgetSignInAttempts(http);
      lockOutTwoUsernames();
      // The lock-outs last 4 s here: the server's clock goes back while the page counts them.
      Seed.passTime(http, Duration.ofMinutes(-10));
      try {
        browser.open("admin/");
        assertThat(browser.text("lockouts")).isEqualTo("2");
      } finally {
        Seed.passTime(http, Duration.ofMinutes(10));
        Seed.forgetSignInAttempts(http);
      }
      browser.open("admin/");
      assertThat(browser.text("lockouts")).isEqualTo("0");
    }
  }

  /** Pastes the token into "Check a token" and answers the name of the failed step, if any. */
  private String failedStep(AdminBrowser browser, String token) {
    browser.open("admin/check.xhtml");
    browser.type("check:token", token).press("check:go");
    assertThat(browser.path()).doesNotContain("token=");
    assertThat(
            browser
                .driver()
                .findElement(org.openqa.selenium.By.id("check:token"))
                .getAttribute("value"))
        .isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain(token);
    return browser
        .driver()
        .findElements(org.openqa.selenium.By.cssSelector("#steps tr.step-failed td:nth-child(2)"))
        .stream()
        .map(org.openqa.selenium.WebElement::getText)
        .findFirst()
        .orElse("none");
  }

  @Test
  void checkingATokenShowsTheStepThatFailedAndNeverEchoesTheToken() {
    String url = FakeExchange.get().url(GOOD);
    String username = Seed.unique("checked");
    FakeExchange.Token linked = FakeExchange.token(url, KEY);
    assertThat(
            Seed.link(
                    http,
                    ServerOutput.secret(linked.signed()),
                    username,
                    Seed.account(http, username, true))
                .status())
        .isEqualTo(201);
    String[] a = ServerOutput.secret(FakeExchange.token(url, KEY).signed()).split("\\.");
    String[] b = ServerOutput.secret(FakeExchange.token(url, KEY).signed()).split("\\.");
    String tampered = ServerOutput.secret(a[0] + "." + b[1] + "." + a[2]);
    String expired =
        ServerOutput.secret(
            FakeExchange.token(url, KEY)
                .notBefore(Instant.now().minus(Duration.ofHours(4)))
                .expires(Instant.now().minus(Duration.ofHours(3)))
                .signed());

    String[] signed = ServerOutput.secret(FakeExchange.token(url, KEY).signed()).split("\\.");
    String hs256 =
        ServerOutput.secret(
            b64("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"x5t\":\"" + FakeExchange.x5t(KEY) + "\"}")
                + "."
                + signed[1]
                + "."
                + signed[2]);
    String noKeyId =
        ServerOutput.secret(
            b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}") + "." + signed[1] + "." + signed[2]);
    String otherIssuer =
        ServerOutput.secret(
            FakeExchange.token(url, KEY)
                .issuer("11111111-0000-0ff1-ce00-000000000000@contoso.test")
                .signed());
    String entra = sandboxEntraToken(Seed.unique("checked-entra"));
    String before = scrape();

    try (AdminBrowser browser = new AdminBrowser(base)) {
      browser.signInAsAdmin();

      assertThat(failedStep(browser, entra)).isEqualTo("none");
      assertThat(browser.text("outcome")).startsWith("Valid: valid (entra)");
      assertThat(browser.text("steps")).contains("Tenant allowed", "Client app allowed", "Scope");
      assertThat(browser.text("uniqueId")).hasSize(43);
      assertThat(browser.text("claims")).contains("tid", "oid");

      assertThat(failedStep(browser, hs256)).isEqualTo("Algorithm (RS256 only)");
      assertThat(failedStep(browser, noKeyId)).isEqualTo("Key id");
      assertThat(failedStep(browser, otherIssuer)).isEqualTo("Issuer");

      assertThat(failedStep(browser, linked.signed())).isEqualTo("none");
      assertThat(browser.text("outcome")).startsWith("Valid: valid (exchange)");
      assertThat(browser.text("uniqueId")).isEqualTo(linked.uniqueId());
      assertThat(browser.text("account")).isEqualTo(username);
      assertThat(browser.text("claims")).contains("amurl", url, "appctx");
      browser.screenshot("check-valid");

      assertThat(failedStep(browser, "not-a-token"))
          .isEqualTo("Structure (size, three segments, JSON)");
      assertThat(failedStep(browser, expired)).isEqualTo("Time window");
      assertThat(browser.text("steps")).contains("ended 3 h 0 min ago");
      browser.screenshot("check-token");
      assertThat(failedStep(browser, tampered)).isEqualTo("Signature");
      assertThat(
              failedStep(
                  browser,
                  ServerOutput.secret(
                      FakeExchange.token(url, KEY)
                          .audience("https://elsewhere.test/addin/taskpane.html")
                          .signed())))
          .isEqualTo("Audience");
      assertThat(
              failedStep(
                  browser,
                  ServerOutput.secret(
                      FakeExchange.token("https://untrusted.test/autodiscover/metadata/json/1", KEY)
                          .signed())))
          .isEqualTo("Trusted metadata URL (amurl)");
      assertThat(
              failedStep(
                  browser,
                  ServerOutput.secret(
                      FakeExchange.token(url, FakeExchange.newSigningCertificate()).signed())))
          .isEqualTo("Signing key found");

      browser.open("admin/audit.xhtml?action=TOKEN_CHECKED");
      assertThat(browser.text("table"))
          .contains(
              "exchange: token_expired",
              "exchange: unsupported_algorithm",
              "entra: valid",
              "link:" + linked.uniqueId());
    }
    String after = scrape();
    assertThat(
            total(after, "identitybridge_token_validations_total")
                - total(before, "identitybridge_token_validations_total"))
        .as("an admin's checks are no sign-ins")
        .isZero();
  }

  private static String b64(String json) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
