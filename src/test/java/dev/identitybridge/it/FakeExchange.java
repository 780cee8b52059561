package dev.identitybridge.it;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A pretend Exchange server for the integration tests: an HTTPS server on loopback that serves
 * authentication metadata documents, one per path, and the signing keys to mint tokens for them. It
 * runs in the test JVM for the whole test session (see {@link FakeExchangeSession}); the server
 * under test is configured, through environment variables set in pom.xml, to trust it.
 */
public final class FakeExchange {

  public static final String EXCHANGE_UID_PREFIX = "00000002-0000-0ff1-ce00-000000000000@";
  public static final String AUDIENCE = "https://addin.identitybridge.test/addin/taskpane.html";

  private static volatile FakeExchange instance;

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, List<HeldCertificate>> published = new ConcurrentHashMap<>();
  private final int port;

  /** What a path answers. */
  @FunctionalInterface
  public interface Behaviour extends Supplier<MockResponse> {}

  private FakeExchange(int port) {
    this.port = port;
  }

  public static FakeExchange get() {
    FakeExchange current = instance;
    if (current == null) {
      throw new IllegalStateException("The fake Exchange runs only in the integration tests");
    }
    return current;
  }

  static synchronized void start(int port, Path tlsCertificatePem) throws IOException {
    if (instance != null) {
      return;
    }
    HeldCertificate tls =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .rsa2048()
            .build();
    Files.createDirectories(tlsCertificatePem.getParent());
    Files.writeString(tlsCertificatePem, tls.certificatePem());
    FakeExchange exchange = new FakeExchange(port);
    exchange.server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(tls).build().sslSocketFactory());
    exchange.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            exchange.hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = exchange.behaviours.get(path);
            return behaviour == null
                ? new MockResponse.Builder().code(404).build()
                : behaviour.get();
          }
        });
    exchange.server.start(java.net.InetAddress.getByName("localhost"), port);
    instance = exchange;
  }

  static synchronized void stop() throws IOException {
    if (instance != null) {
      instance.server.close();
      instance = null;
    }
  }

  /** The metadata URL of a path, as tokens name it (with the explicit port, as Exchange does). */
  public String url(String path) {
    return "https://localhost:" + port + path;
  }

  /** How many requests the server under test made for this path so far. */
  public int hits(String path) {
    AtomicInteger count = hits.get(path);
    return count == null ? 0 : count.get();
  }

  public void answer(String path, Behaviour behaviour) {
    behaviours.put(path, behaviour);
  }

  /** Serves a metadata document listing these certificates at the path. */
  public void publish(String path, HeldCertificate... certificates) {
    published.put(path, List.of(certificates));
    String document = metadataDocument(certificates);
    answer(path, () -> json(document));
  }

  public static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  public static MockResponse slowJson(String body, long millis) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .headersDelay(millis, TimeUnit.MILLISECONDS)
        .build();
  }

  public static HeldCertificate newSigningCertificate() {
    return new HeldCertificate.Builder().commonName("Exchange test signing").rsa2048().build();
  }

  public static String metadataDocument(HeldCertificate... certificates) {
    StringBuilder keys = new StringBuilder();
    for (HeldCertificate certificate : certificates) {
      if (keys.length() > 0) {
        keys.append(',');
      }
      keys.append(
          """
          {"usage":"signing","keyinfo":{"x5t":"%s"},"keyvalue":{"type":"x509Certificate","value":"%s"}}"""
              .formatted(x5t(certificate), base64Der(certificate)));
    }
    return """
        {"id":"_test","version":"1.0","name":"Exchange","realm":"*",
         "serviceName":"00000002-0000-0ff1-ce00-000000000000",
         "issuer":"00000002-0000-0ff1-ce00-000000000000@*",
         "allowedAudiences":["00000002-0000-0ff1-ce00-000000000000@*"],
         "keys":[%s],"endpoints":[]}"""
        .formatted(keys);
  }

  public static String x5t(HeldCertificate certificate) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1").digest(certificate.certificate().getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha1);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Der(HeldCertificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The uniqueID the server must derive: base64url(SHA-256(amurl + msexchuid)), no padding. */
  public static String uniqueId(String amurl, String msexchuid) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((amurl + msexchuid).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token as Exchange issues it, signed by the certificate, valid now for eight hours. */
  public static Token token(String amurl, HeldCertificate signer) {
    return new Token(amurl, signer);
  }

  /** Builds one identity token; every claim defaults to what a real on-premises Exchange sends. */
  public static final class Token {
    private final String amurl;
    private final HeldCertificate signer;
    private String msexchuid = java.util.UUID.randomUUID().toString();
    private String audience = AUDIENCE;
    private String realm = "contoso.test";
    private String issuer;
    private Instant notBefore = Instant.now().minusSeconds(60);
    private Instant expires = Instant.now().plusSeconds(8 * 3600);

    private Token(String amurl, HeldCertificate signer) {
      this.amurl = amurl;
      this.signer = signer;
    }

    public Token msexchuid(String value) {
      this.msexchuid = value;
      return this;
    }

    public Token audience(String value) {
      this.audience = value;
      return this;
    }

    public Token expires(Instant value) {
      this.expires = value;
      return this;
    }

    /** Another issuer (and app context sender) than Exchange's {@code 00000002-…@realm}. */
    public Token issuer(String value) {
      this.issuer = value;
      return this;
    }

    public Token notBefore(Instant value) {
      this.notBefore = value;
      return this;
    }

    public String msexchuid() {
      return msexchuid;
    }

    public String uniqueId() {
      return FakeExchange.uniqueId(amurl, msexchuid);
    }

    public String signed() {
      String appctx =
          "{\"msexchuid\":\"%s\",\"version\":\"ExIdTok.V1\",\"amurl\":\"%s\"}"
              .formatted(msexchuid, amurl);
      return ServerOutput.secret(signedWithoutRemembering(appctx));
    }

    private String signedWithoutRemembering(String appctx) {
      return JWT.create()
          .withHeader(Map.of("typ", "JWT", "x5t", x5t(signer)))
          .withIssuer(issuer != null ? issuer : EXCHANGE_UID_PREFIX + realm)
          .withAudience(audience)
          .withNotBefore(notBefore)
          .withExpiresAt(expires)
          .withClaim("appctxsender", issuer != null ? issuer : EXCHANGE_UID_PREFIX + realm)
          .withClaim("isbrowserhostedapp", "True")
          .withClaim("appctx", appctx)
          .sign(Algorithm.RSA256(null, (RSAPrivateKey) signer.keyPair().getPrivate()));
    }
  }
}
