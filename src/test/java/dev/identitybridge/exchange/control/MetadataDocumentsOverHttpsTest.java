package dev.identitybridge.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.keys.control.HttpsFetcher;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.token.entity.TokenKind;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator, the store, the HTTPS client and the parser together, against a loopback server
 * that plays an on-premises Exchange with a self-signed TLS certificate.
 */
class MetadataDocumentsOverHttpsTest {

  private static final HeldCertificate TLS =
      new HeldCertificate.Builder().addSubjectAlternativeName("localhost").ecdsa256().build();

  @TempDir Path directory;

  private final MockWebServer exchange = new MockWebServer();
  private final MovableClock storeClock = new MovableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private ExchangeTokenValidator validator;
  private String metadataUrl;

  @BeforeEach
  void start() throws Exception {
    exchange.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(TLS).build().sslSocketFactory());
    exchange.start(InetAddress.getByName("localhost"), 0);
    metadataUrl = "https://localhost:" + exchange.getPort() + "/autodiscover/metadata/json/1";
    Path pem = Files.writeString(directory.resolve("exchange.pem"), TLS.certificatePem());
    SigningKeyStore store =
        new SigningKeyStore(
            List.of(
                KeySource.at(
                    metadataUrl,
                    TokenKind.EXCHANGE_IDENTITY,
                    "test",
                    location ->
                        new MetadataDocumentParser()
                            .parse(new HttpsFetcher(Optional.of(pem)).fetch(location)))),
            storeClock,
            Duration.ofSeconds(30),
            Duration.ofHours(1));
    validator =
        new ExchangeTokenValidator(
            new ExchangeTokenValidator.Settings(
                List.of(metadataUrl), List.of(TestTokens.AUDIENCE), Duration.ofMinutes(5)),
            store,
            Clock.fixed(TestTokens.NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    exchange.close();
  }

  private void publish(HeldCertificate signer) throws Exception {
    String document =
        new String(
            MetadataDocumentParserTest.document(MetadataDocumentParserTest.key(signer)),
            StandardCharsets.UTF_8);
    exchange.enqueue(new MockResponse.Builder().body(document).build());
  }

  @Test
  void validatesATokenWithTheKeyFetchedFromItsServer() throws Exception {
    publish(TestTokens.SIGNER);
    String token = TestTokens.exchangeToken().appctx("amurl", metadataUrl).signed();

    assertThat(validator.validate(token).amurl()).isEqualTo(metadataUrl);
    assertThat(validator.validate(token).amurl()).isEqualTo(metadataUrl);
    assertThat(exchange.getRequestCount()).isEqualTo(1);
  }

  @Test
  void followsAKeyRotation() throws Exception {
    publish(TestTokens.SIGNER);
    validator.validate(TestTokens.exchangeToken().appctx("amurl", metadataUrl).signed());
    publish(TestTokens.OTHER_SIGNER);
    storeClock.advance(Duration.ofMinutes(1));

    String rotated =
        TestTokens.exchangeToken()
            .header("x5t", TestTokens.x5t(TestTokens.OTHER_SIGNER.certificate()))
            .appctx("amurl", metadataUrl)
            .signedBy(TestTokens.OTHER_SIGNER.keyPair().getPrivate());

    assertThat(validator.validate(rotated).x5t())
        .isEqualTo(TestTokens.x5t(TestTokens.OTHER_SIGNER.certificate()));
    assertThat(exchange.getRequestCount()).isEqualTo(2);
  }
}
