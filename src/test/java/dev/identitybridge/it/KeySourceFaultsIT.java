package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trusted metadata server that misbehaves, one way per source (each trusted in pom.xml). Before
 * it ever answered well: {@code metadata_unavailable}. After it did: the last good keys stay in
 * use, a new key is {@code unknown_signing_key}, and the admin's key sources page shows the error.
 * Never a 5xx, and a redirect is never followed.
 */
@Tag("database-neutral")
class KeySourceFaultsIT extends ServerIntegration {

  static final String METADATA = "/autodiscover/metadata/json/1";
  static final String UNPACK = "IdentityTestService/UnpackTokenJSON";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  /** One way to fail, at its own trusted path. */
  record Fault(String name, Supplier<MockResponse> answer) {
    String path() {
      return "/fault-" + name + METADATA;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String REDIRECT_TARGET = "/fault-redirect-target" + METADATA;

  static Stream<Fault> faults() {
    HeldCertificate ec = new HeldCertificate.Builder().commonName("EC signer").ecdsa256().build();
    return Stream.of(
        // Beyond the fetcher's whole-request timeout (10 s).
        new Fault(
            "slow",
            () -> FakeExchange.slowJson(FakeExchange.metadataDocument(signer("slow")), 12_000)),
        new Fault(
            "reset",
            () ->
                new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build()),
        new Fault("500", () -> new MockResponse.Builder().code(500).body("oops").build()),
        new Fault(
            "html",
            () ->
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "text/html")
                    .body("<html><body>Sign in to continue</body></html>")
                    .build()),
        new Fault("empty", () -> FakeExchange.json(FakeExchange.metadataDocument())),
        new Fault("ec", () -> FakeExchange.json(FakeExchange.metadataDocument(ec))),
        new Fault(
            "huge", () -> FakeExchange.json("{\"keys\":[\"" + "x".repeat(10_000_000) + "\"]}")),
        new Fault(
            "redirect",
            () ->
                new MockResponse.Builder()
                    .code(302)
                    .setHeader("Location", FakeExchange.get().url(REDIRECT_TARGET))
                    .build()));
  }

  static final java.util.Map<String, HeldCertificate> SIGNERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The good key of a fault's source. */
  static HeldCertificate signer(String fault) {
    return SIGNERS.computeIfAbsent(fault, f -> FakeExchange.newSigningCertificate());
  }

  private String code(String token) {
    Http.Reply reply = http.post(UNPACK, "{\"token\":" + Http.quote(token) + "}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().containsKey("token") ? "valid" : reply.json().getString("code");
  }

  private void sessionIsNever5xxExcept503(String token) {
    Http.Reply reply = http.postWithToken("api/session", token, "");
    assertThat(reply.status()).isIn(401, 503);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void keepsTheLastGoodKeysThroughAFault(Fault fault) {
    FakeExchange exchange = FakeExchange.get();
    String url = exchange.url(fault.path());
    HeldCertificate good = signer(fault.name());
    FakeExchange.get().publish(REDIRECT_TARGET, good);

    // Never answered well: no keys to fall back on.
    exchange.answer(fault.path(), fault.answer()::get);
    String first = FakeExchange.token(url, good).signed();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "metadata_unavailable".equals(code(first)));
    Http.Reply unavailable = http.postWithToken("api/session", first, "");
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.json().getString("code")).isEqualTo("metadata_unavailable");

    // Answers well once, then fails again.
    exchange.publish(fault.path(), good);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "valid".equals(code(first)));
    exchange.answer(fault.path(), fault.answer()::get);
    int before = exchange.hits(fault.path());
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String stranger =
                  FakeExchange.token(url, FakeExchange.newSigningCertificate()).signed();
              sessionIsNever5xxExcept503(stranger);
              return exchange.hits(fault.path()) > before
                  && "unknown_signing_key".equals(code(stranger));
            });

    assertThat(code(FakeExchange.token(url, good).signed()))
        .as("the last good key still serves")
        .isEqualTo("valid");
    assertThat(exchange.hits(REDIRECT_TARGET)).as("a redirect is never followed").isZero();
  }

  @Test
  void showsEachFailureOnTheKeySourcesPage() {
    AdminHttp admin = new AdminHttp();
    admin.signIn(base.toString(), "admin", System.getenv("IDENTITYBRIDGE_ADMIN_PASSWORD"));
    String page = admin.get(http.request("admin/keys.xhtml").build().uri().toString()).body();

    assertThat(page).doesNotContain("login:password");
    for (String name : List.of("slow", "reset", "500", "html", "empty", "ec", "huge", "redirect")) {
      String url = FakeExchange.get().url("/fault-" + name + METADATA);
      assertThat(page).contains(url);
    }
    // The page shows "Last error" per source, with the error's text where there is one.
    assertThat(page.split("class=\"error\"").length - 1)
        .as("sources shown with an error")
        .isGreaterThanOrEqualTo(1);
  }

  /**
   * The trusted source at port 18444 behind a TLS certificate that nothing trusts: the handshake
   * fails, so the server under test never even sends its request.
   */
  @Test
  void refusesAnUntrustedTlsCertificate() throws Exception {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .rsa2048()
            .build();
    HeldCertificate key = FakeExchange.newSigningCertificate();
    String path = "/down" + METADATA;
    try (MockWebServer impostor = new MockWebServer()) {
      impostor.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(selfSigned)
              .build()
              .sslSocketFactory());
      impostor.setDispatcher(
          new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
              return FakeExchange.json(FakeExchange.metadataDocument(key));
            }
          });
      impostor.start(InetAddress.getByName("localhost"), 18444);
      String token = FakeExchange.token("https://localhost:18444" + path, key).signed();

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> "metadata_unavailable".equals(code(token)));
      assertThat(impostor.getRequestCount()).as("requests that got past TLS").isZero();
    }
  }
}
