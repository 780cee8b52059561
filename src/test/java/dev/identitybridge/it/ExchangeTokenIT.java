package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exchange identity tokens through the documented sample endpoint, against the running WAR and a
 * real HTTPS metadata server on loopback ({@link FakeExchange}).
 */
class ExchangeTokenIT extends ServerIntegration {

  static final String METADATA = "/autodiscover/metadata/json/1";
  static final String GOOD = "/good" + METADATA;
  static final String ENDPOINT = "IdentityTestService/UnpackTokenJSON";

  /** Published before the server under test starts, so that its start-up fetch finds them. */
  static final HeldCertificate GOOD_KEY = FakeExchange.newSigningCertificate();

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeExchange exchange = FakeExchange.get();
    exchange.publish(GOOD, GOOD_KEY);
    return Deployments.withSeeding();
  }

  FakeExchange exchange;

  @BeforeEach
  void setUp() {
    exchange = FakeExchange.get();
  }

  private Http.Reply unpack(String token) {
    return http.post(ENDPOINT, "{\"token\":" + Http.quote(token) + ",\"phoneNumbers\":[]}");
  }

  private static void assertRejected(Http.Reply reply, String code) {
    assertThat(reply.status()).isEqualTo(200);
    JsonObject body = reply.json();
    assertThat(body.getString("code")).isEqualTo(code);
    assertThat(body.getString("error")).isNotBlank().isEqualTo(body.getString("errorMessage"));
    assertThat(body.containsKey("token")).isFalse();
  }

  @Test
  void unpacksAValidTokenAsTheDocumentedAddInExpects() {
    FakeExchange.Token token = FakeExchange.token(exchange.url(GOOD), GOOD_KEY);
    String signed = token.signed();

    Http.Reply reply = unpack(signed);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonObject body = reply.json();
    assertThat(body.containsKey("error")).isFalse();
    JsonObject claims = body.getJsonObject("token");
    assertThat(claims.getString("msexchuid")).isEqualTo(token.msexchuid());
    assertThat(claims.getString("amurl")).isEqualTo(exchange.url(GOOD));
    assertThat(claims.getString("uniqueID")).isEqualTo(token.uniqueId()).hasSize(43);
    assertThat(claims.getString("aud")).isEqualTo(FakeExchange.AUDIENCE);
    assertThat(claims.getString("iss"))
        .isEqualTo(FakeExchange.EXCHANGE_UID_PREFIX + "contoso.test");
    assertThat(claims.getString("x5t")).isEqualTo(FakeExchange.x5t(GOOD_KEY));
    assertThat(claims.getString("version")).isEqualTo("ExIdTok.V1");
    assertThat(claims.getBoolean("isbrowserhostedapp")).isTrue();
    Instant nbf = Instant.parse(claims.getString("nbf"));
    Instant exp = Instant.parse(claims.getString("exp"));
    assertThat(Duration.between(nbf, exp))
        .isBetween(Duration.ofHours(8), Duration.ofHours(8).plusMinutes(2));
    assertThat(claims.getString("exp")).endsWith("Z");
    assertThat(body.getJsonObject("link").getBoolean("linked")).isFalse();
    assertThat(reply.body()).doesNotContain(signed);
  }

  @Test
  void acceptsTheAudienceWithOutlooksLicensingQuery() {
    String signed =
        FakeExchange.token(exchange.url(GOOD), GOOD_KEY)
            .audience(FakeExchange.AUDIENCE + "?et=abc123")
            .signed();

    assertThat(unpack(signed).json().containsKey("token")).isTrue();
  }

  @Test
  void rejectsTokensWithStableReasonCodes() {
    assertRejected(unpack("not.a.token"), "malformed_token");
    assertRejected(
        unpack(
            FakeExchange.token(exchange.url(GOOD), GOOD_KEY)
                .expires(Instant.now().minusSeconds(3600))
                .notBefore(Instant.now().minusSeconds(9 * 3600))
                .signed()),
        "token_expired");
    assertRejected(
        unpack(
            FakeExchange.token(exchange.url(GOOD), GOOD_KEY)
                .audience("https://elsewhere.test/addin/taskpane.html")
                .signed()),
        "wrong_audience");
    assertRejected(
        unpack(
            FakeExchange.token(exchange.url(GOOD), FakeExchange.newSigningCertificate()).signed()),
        "unknown_signing_key");
    assertRejected(http.post(ENDPOINT, "{\"phoneNumbers\":[]}"), "malformed_token");
  }

  @Test
  void neverFetchesAnUntrustedMetadataUrl() {
    String untrusted = "/untrusted" + METADATA;
    HeldCertificate key = FakeExchange.newSigningCertificate();
    exchange.publish(untrusted, key);

    assertRejected(
        unpack(FakeExchange.token(exchange.url(untrusted), key).signed()),
        "untrusted_metadata_url");
    assertThat(exchange.hits(untrusted)).isZero();
  }

  @Test
  void reportsMetadataUnavailableWhenTheServerIsDownFromTheStart() {
    String down = "https://localhost:18444/down" + METADATA;

    assertRejected(
        unpack(FakeExchange.token(down, FakeExchange.newSigningCertificate()).signed()),
        "metadata_unavailable");
  }

  @Test
  void refusesRedirectsAndOversizedDocuments() {
    String redirect = "/redirect" + METADATA;
    String target = "/redirect-target" + METADATA;
    String oversized = "/oversized" + METADATA;
    HeldCertificate key = FakeExchange.newSigningCertificate();
    exchange.publish(target, key);
    exchange.answer(
        redirect,
        () ->
            new MockResponse.Builder()
                .code(302)
                .setHeader("Location", exchange.url(target))
                .build());
    exchange.answer(
        oversized,
        () ->
            FakeExchange.json(
                FakeExchange.metadataDocument(key)
                    .replace(
                        "\"endpoints\":[]",
                        "\"endpoints\":[],\"padding\":\"" + "x".repeat(300 * 1024) + "\"")));

    assertRejected(
        unpack(FakeExchange.token(exchange.url(redirect), key).signed()), "metadata_unavailable");
    assertRejected(
        unpack(FakeExchange.token(exchange.url(oversized), key).signed()), "metadata_unavailable");
    assertThat(exchange.hits(target)).isZero();
    assertThat(exchange.hits(oversized)).isPositive();
  }

  @Test
  void picksUpARotatedKeyThroughAForcedRefresh() {
    String rotating = "/rotating" + METADATA;
    HeldCertificate current = FakeExchange.newSigningCertificate();
    exchange.publish(rotating, current);
    assertEventuallyValid(FakeExchange.token(exchange.url(rotating), current));

    HeldCertificate next = FakeExchange.newSigningCertificate();
    exchange.publish(rotating, current, next);

    assertEventuallyValid(FakeExchange.token(exchange.url(rotating), next));
  }

  /** Forced refreshes are rate-limited per URL (1 s in the tests), so a first try may be early. */
  private void assertEventuallyValid(FakeExchange.Token token) {
    String signed = token.signed();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(unpack(signed).json()).containsKey("token"));
  }

  @Test
  void keepsTheLastGoodKeysWhenTheMetadataServerGoesDown() {
    String stale = "/stale" + METADATA;
    HeldCertificate key = FakeExchange.newSigningCertificate();
    exchange.publish(stale, key);
    assertEventuallyValid(FakeExchange.token(exchange.url(stale), key));

    exchange.answer(stale, () -> new MockResponse.Builder().code(503).build());
    int hitsBefore = exchange.hits(stale);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              unpack(
                  FakeExchange.token(exchange.url(stale), FakeExchange.newSigningCertificate())
                      .signed());
              return exchange.hits(stale) > hitsBefore;
            });

    assertThat(unpack(FakeExchange.token(exchange.url(stale), key).signed()).json())
        .containsKey("token");
  }

  @Test
  void fetchesOnceForAHundredConcurrentFirstRequests() throws Exception {
    String path = "/single-flight" + METADATA;
    HeldCertificate key = FakeExchange.newSigningCertificate();
    exchange.answer(path, () -> FakeExchange.slowJson(FakeExchange.metadataDocument(key), 1500));
    // Past the forced-refresh interval of any earlier fetch of this document.
    Seed.passForcedRefreshInterval(http);
    int before = exchange.hits(path);

    String body =
        "{\"token\":"
            + Http.quote(FakeExchange.token(exchange.url(path), key).signed())
            + ",\"phoneNumbers\":[]}";
    List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      replies.add(
          http.sendAsync(
              http.request(ENDPOINT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build()));
    }

    for (CompletableFuture<Http.Reply> reply : replies) {
      assertThat(reply.get().json()).containsKey("token");
    }
    assertThat(exchange.hits(path) - before).isEqualTo(1);
  }

  @Test
  void refusesABodyThatIsNotJsonOrTooLarge() {
    Http.Reply notJson = http.post(ENDPOINT, "token=abc");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");
    assertThat(notJson.json().getString("code")).isEqualTo("malformed_request");

    Http.Reply tooLarge = http.post(ENDPOINT, "{\"token\":\"" + "a".repeat(65 * 1024) + "\"}");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().getString("code")).isEqualTo("request_too_large");
  }

  @Test
  void answersTheAccountApiWith401AndTheReasonCode() {
    Http.Reply reply =
        http.postWithToken(
            "api/session",
            FakeExchange.token(exchange.url(GOOD), GOOD_KEY)
                .audience("https://elsewhere.test/addin/taskpane.html")
                .signed(),
            "{}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().getString("code")).isEqualTo("wrong_audience");
  }
}
