package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator relies on: the metrics count exactly what happened, only the scraper sees them,
 * a certificate near its end warns without taking the instance out of rotation, and the audit log
 * exports in full, streamed.
 */
@ExtendWith({ArquillianExtension.class, ServerOutput.class})
class OperationsIT {

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

  @ArquillianResource URL base;

  private Http http() {
    return new Http(base);
  }

  private String scrape() {
    Http.Reply reply =
        http()
            .send(
                http()
                    .request("api/metrics")
                    .header("Authorization", "Bearer " + SCRAPE_SECRET)
                    .build());
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

  private Http.Reply unpack(String token) {
    return http().post(ExchangeTokenIT.ENDPOINT, "{\"token\":" + Http.quote(token) + "}");
  }

  @Test
  void theMetricsCountExactlyWhatWasSent() {
    String valid = validations("exchange", "valid");
    String expired = validations("exchange", "token_expired");
    String malformed = validations("unknown", "malformed_token");
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
    assertThat(http().postWithToken("api/session", "not-a-token", "").status()).isEqualTo(401);
    String username = Seed.unique("metrics");
    String mailbox =
        ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed());
    assertThat(Seed.link(http(), mailbox, username, Seed.account(http(), username, true)).status())
        .isEqualTo(201);
    assertThat(http().postWithToken("api/session", mailbox, "").status()).isEqualTo(200);
    assertThat(http().deleteWithToken("api/links/current", mailbox).status()).isBetween(200, 204);

    String after = scrape();

    assertThat(value(after, valid) - value(before, valid)).isEqualTo(6);
    assertThat(value(after, expired) - value(before, expired)).isEqualTo(2);
    assertThat(value(after, malformed) - value(before, malformed)).isEqualTo(1);
    assertThat(
            value(after, "identitybridge_link_creations_total")
                - value(before, "identitybridge_link_creations_total"))
        .isEqualTo(1);
    assertThat(
            value(after, "identitybridge_link_removals_total")
                - value(before, "identitybridge_link_removals_total"))
        .isEqualTo(1);
    assertThat(
            value(
                    after,
                    "http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/api/session\"}")
                - value(
                    before,
                    "http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/api/session\"}"))
        .isEqualTo(1);
    assertThat(after)
        .contains(
            "identitybridge_key_fetches_total{outcome=\"success\"",
            "identitybridge_key_source_age_seconds{",
            "identitybridge_signing_certificate_expiry_days{",
            "jvm_memory_used_bytes{");
    assertThat(after).doesNotContain(mailbox, SCRAPE_SECRET);
  }

  @Test
  void onlyTheScraperSeesTheMetrics() {
    Http.Reply anonymous = http().send(http().request("api/metrics").build());
    Http.Reply wrong =
        http()
            .send(
                http()
                    .request("api/metrics")
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
              Http.Reply ready = http().send(http().request("api/health/ready").build());
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

  @Test
  void exportsAHundredThousandAuditEventsStreamedAndSafeForSpreadsheets() throws Exception {
    String actor = Seed.unique("bulk");
    int rows = 100_000;
    long firstId = 1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    Http.Reply seeded =
        http()
            .send(
                http()
                    .request(
                        "it-seed/bulk-audit?actor="
                            + actor
                            + "&firstId="
                            + firstId
                            + "&count="
                            + rows
                            + "&detail=%3DHYPERLINK(%22http%3A%2F%2Fevil%22)")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
    assertThat(seeded.status()).isEqualTo(201);
    String session;
    try (AdminBrowser browser = new AdminBrowser(base)) {
      session = browser.signInAsAdmin().sessionId();
    }
    long baseline = heap("it-seed/heap?reset=true");

    long lines;
    String first;
    HttpResponse<InputStream> export =
        HttpClient.newHttpClient()
            .send(
                http()
                    .request("admin/audit-export?format=csv&actor=" + actor)
                    .header("Cookie", "JSESSIONID=" + session)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    try (Stream<String> body =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(export.body(), StandardCharsets.UTF_8))
            .lines()) {
      var all = body.iterator();
      assertThat(all.next()).isEqualTo("id,occurred_at,actor,action,target,detail");
      first = all.next();
      lines = 1;
      while (all.hasNext()) {
        all.next();
        lines++;
      }
    }
    long peak = heap("it-seed/heap");
    LOG.info(
        () ->
            "Audit export of "
                + rows
                + " rows: server heap "
                + baseline / 1_048_576
                + " MiB before, peak "
                + peak / 1_048_576
                + " MiB during");
    System.out.println(
        "AUDIT-EXPORT-HEAP rows="
            + rows
            + " baselineMiB="
            + baseline / 1_048_576
            + " peakMiB="
            + peak / 1_048_576);

    assertThat(lines).isEqualTo(rows);
    assertThat(first)
        .startsWith(Long.toString(firstId) + ",")
        .endsWith(",\"'=HYPERLINK(\"\"http://evil\"\")\"");

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    Http.Reply json =
        http()
            .send(
                http()
                    .request(
                        "admin/audit-export?format=json&actor="
                            + actor
                            + "&action=ACCOUNT_UPDATED&from="
                            + Instant.parse(first.split(",")[1]).minusSeconds(9)
                            + "&to="
                            + today)
                    .header("Cookie", "JSESSIONID=" + session)
                    .build());
    assertThat(json.status()).isEqualTo(200);
    var events = jakarta.json.Json.createReader(new java.io.StringReader(json.body())).readArray();
    assertThat(events.size()).isEqualTo(10);
    assertThat(events.getJsonObject(0).getString("detail"))
        .isEqualTo("=HYPERLINK(\"http://evil\")");

    Http.Reply bad =
        http()
            .send(
                http()
                    .request("admin/audit-export?format=xlsx")
                    .header("Cookie", "JSESSIONID=" + session)
                    .build());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(
            http()
                .send(
                    http()
                        .request("admin/audit-export?from=yesterday")
                        .header("Cookie", "JSESSIONID=" + session)
                        .build())
                .status())
        .isEqualTo(400);
    Http.Reply anonymous = http().send(http().request("admin/audit-export?format=csv").build());
    assertThat(anonymous.status()).isNotEqualTo(200);
    assertThat(anonymous.body()).doesNotContain(actor);
  }

  @Test
  void theDashboardDrawsTodaysSignInsAndWarnsOfTheEndingCertificate() {
    String x5t = FakeExchange.x5t(ENDING_SOON);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> http().send(http().request("api/health/ready").build()).body().contains(x5t));
    unpack(ServerOutput.secret(FakeExchange.token(FakeExchange.get().url(GOOD), KEY).signed()));
    unpack("not-a-token");
    try (AdminBrowser browser = new AdminBrowser(base)) {
      browser.signInAsAdmin().open("admin/");

      assertThat(browser.path()).startsWith("admin/dashboard.xhtml");
      assertThat(browser.text("expiring")).contains(x5t, "in 9 day(s)");
      assertThat(Long.parseLong(browser.text("signIns"))).isGreaterThanOrEqualTo(2);
      assertThat(Long.parseLong(browser.text("rejected"))).isGreaterThanOrEqualTo(1);
      assertThat(browser.text("byOutcome")).contains("valid", "malformed_token");
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
                    http(),
                    ServerOutput.secret(linked.signed()),
                    username,
                    Seed.account(http(), username, true))
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

    try (AdminBrowser browser = new AdminBrowser(base)) {
      browser.signInAsAdmin();

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
          .contains("exchange: token_expired", "link:" + linked.uniqueId());
    }
  }

  private long heap(String path) {
    return Long.parseLong(http().send(http().request(path).build()).body().strip());
  }
}
