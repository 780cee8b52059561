package dev.identitybridge.keys.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a loopback HTTPS server whose self-signed certificate only the PEM file trusts. */
class HttpsFetcherTest {

  private static final String PATH = "/autodiscover/metadata/json/1";
  private static final HeldCertificate TLS =
      new HeldCertificate.Builder().addSubjectAlternativeName("localhost").ecdsa256().build();

  @TempDir Path directory;

  private final MockWebServer server = new MockWebServer();
  private Path pem;
  private HttpsFetcher client;

  @BeforeEach
  void start() throws Exception {
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(TLS).build().sslSocketFactory());
    server.start(InetAddress.getByName("localhost"), 0);
    pem = Files.writeString(directory.resolve("exchange.pem"), TLS.certificatePem());
    client = new HttpsFetcher(Optional.of(pem));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI url() {
    return URI.create("https://localhost:" + server.getPort() + PATH);
  }

  private static KeySourceException failure(HttpsFetcher client, URI url) {
    KeySourceException failure =
        catchThrowableOfType(KeySourceException.class, () -> client.fetch(url));
    assertThat(failure).as("the fetch's failure").isNotNull();
    return failure;
  }

  @Test
  void fetchesTheDocument() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"keys\":[]}").build());

    byte[] body = client.fetch(url());

    assertThat(new String(body, UTF_8)).isEqualTo("{\"keys\":[]}");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo(PATH);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void refusesARedirect() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "https://localhost:" + server.getPort() + "/elsewhere")
            .build());
    server.enqueue(new MockResponse.Builder().body("{\"keys\":[]}").build());

    assertThat(failure(client, url()).getMessage()).contains("redirect (HTTP 302)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusesABodyDeclaredLargerThan256KiB() {
    server.enqueue(
        new MockResponse.Builder().body("x".repeat(HttpsFetcher.MAX_BODY_BYTES + 1)).build());

    assertThat(failure(client, url()).getMessage()).contains("more than 256 KiB");
  }

  @Test
  void stopsReadingAChunkedBodyBeyond256KiB() {
    server.enqueue(
        new MockResponse.Builder()
            .chunkedBody("x".repeat(4 * HttpsFetcher.MAX_BODY_BYTES), 8192)
            .build());

    assertThat(failure(client, url()).getMessage()).contains("more than 256 KiB");
  }

  @Test
  void acceptsABodyOfExactly256KiB() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .chunkedBody("x".repeat(HttpsFetcher.MAX_BODY_BYTES), 8192)
            .build());

    assertThat(client.fetch(url())).hasSize(HttpsFetcher.MAX_BODY_BYTES);
  }

  @Test
  void reportsAnErrorStatus() {
    server.enqueue(new MockResponse.Builder().code(503).body("maintenance").build());

    assertThat(failure(client, url()).getMessage()).isEqualTo(url() + " answered HTTP 503");
  }

  @Test
  void refusesPlainHttpWithoutMakingARequest() {
    URI http = URI.create("http://localhost:" + server.getPort() + PATH);

    assertThat(failure(client, http).getMessage()).contains("Only https");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void reportsAServerThatIsDown() {
    URI url = url();
    server.close();

    assertThat(failure(client, url).getMessage()).startsWith(url.toString()).contains("reached");
  }

  @Test
  void givesUpOnABodyThatTakesTooLong() {
    HttpsFetcher impatient =
        new HttpsFetcher(Optional.of(pem), Duration.ofSeconds(1), Duration.ofMillis(300));
    server.enqueue(
        new MockResponse.Builder().body("{\"keys\":[]}").bodyDelay(3, TimeUnit.SECONDS).build());

    long start = System.nanoTime();
    KeySourceException failure = failure(impatient, url());

    assertThat(failure.getMessage()).contains("did not answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void distrustsASelfSignedServerWithoutThePem() {
    server.enqueue(new MockResponse.Builder().body("{}").build());

    assertThat(failure(new HttpsFetcher(Optional.empty()), url()).getMessage())
        .contains("TLS handshake");
  }

  @Test
  void verifiesTheHostName() {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    String address = server.getSocketAddress().getAddress().getHostAddress();
    String host = address.contains(":") ? "[" + address + "]" : address;

    // The certificate is trusted, but it names localhost, not the address.
    assertThat(
            failure(client, URI.create("https://" + host + ":" + server.getPort() + PATH))
                .getMessage())
        .contains("TLS handshake")
        .doesNotContain("PKIX");
  }

  @Test
  void trustsThePemCertificatesBesidesTheJdkAuthorities() throws Exception {
    HeldCertificate second = new HeldCertificate.Builder().commonName("second").ecdsa256().build();
    Path bundle =
        Files.writeString(
            directory.resolve("bundle.pem"), TLS.certificatePem() + second.certificatePem());
    TrustManagerFactory jdk =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    X509Certificate[] jdkAuthorities =
        ((X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers();

    X509Certificate[] trusted = HttpsFetcher.trustManager(bundle).getAcceptedIssuers();

    assertThat(jdkAuthorities).isNotEmpty();
    assertThat(trusted)
        .contains(TLS.certificate(), second.certificate())
        .contains(jdkAuthorities)
        .hasSize(jdkAuthorities.length + 2);
  }

  @Test
  void refusesAPemFileWithoutCertificates() throws Exception {
    Path empty = Files.writeString(directory.resolve("empty.pem"), "no certificates here\n");
    Path missing = directory.resolve("missing.pem");

    assertThat(
            catchThrowableOfType(
                IllegalStateException.class, () -> new HttpsFetcher(Optional.of(empty))))
        .hasMessageContaining("empty.pem");
    assertThat(
            catchThrowableOfType(
                IllegalStateException.class, () -> new HttpsFetcher(Optional.of(missing))))
        .hasMessageContaining("missing.pem");
  }
}
