package dev.identitybridge.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.entra.control.EntraTokens;
import dev.identitybridge.exchange.control.ExchangeTokens;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.sandbox.control.SandboxIssuer;
import dev.identitybridge.sandbox.control.SandboxTenant;
import dev.identitybridge.token.control.Rejections;
import dev.identitybridge.token.control.TokenCache;
import dev.identitybridge.token.control.TokenValidator;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import java.net.InetAddress;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Token validation side by side with its physical limit and with a validator that fetches keys per
 * request, in one JMH run (src/docs/BENCHMARKS.md):
 *
 * <ul>
 *   <li>{@link #bareJdkVerify}: the JDK's SHA256withRSA verify of a sandbox token with its 2048-bit
 *       key, nothing else: what a fresh token costs at the least.
 *   <li>{@link #freshToken}: the whole port (shape, hash, cache miss, JSON, claims, key look-up,
 *       signature, time, audience, issuer) for a token the cache has never seen: the cache is off.
 *   <li>{@link #repeatedToken}: the same token again: a cache hit.
 *   <li>{@link #bareJdkVerifyEntra} and {@link #freshEntraToken}: the same two for the sandbox
 *       tenant's Entra ID access tokens (its own 2048-bit key, found by {@code kid}).
 *   <li>{@link #perRequestFetchPeer}: as Microsoft's samples do it: download the metadata document
 *       over HTTPS for every token, parse it, build the certificate, verify.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

  private static final int DISTINCT_TOKENS = 1024;

  private String[] tokens;
  private String repeated;
  private TokenValidator uncached;
  private TokenValidator cached;
  private RSAPublicKey key;
  private byte[] signedPart;
  private byte[] signature;
  private Signature sha256WithRsa;
  private int next;

  private String[] entraTokens;
  private RSAPublicKey entraKey;
  private byte[] entraSignedPart;
  private byte[] entraSignature;
  private int nextEntra;

  private MockWebServer exchange;
  private PerRequestFetchPeer peer;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    SandboxIssuer sandbox =
        new SandboxIssuer(true, "http://localhost:8080/addin/taskpane.html", clock);
    SandboxTenant tenant =
        new SandboxTenant(true, Configuration.SANDBOX_ENTRA_CLIENT_ID, "access_as_user", clock);
    List<KeySource> sources = new java.util.ArrayList<>(sandbox.keySources());
    sources.addAll(tenant.keySources());
    SigningKeyStore store =
        new SigningKeyStore(sources, clock, Duration.ofSeconds(30), Duration.ofHours(1));
    store.refreshNow();
    Configuration configuration =
        MapConfig.configuration(Map.of("identitybridge.sandbox.enabled", "true"));
    ExchangeTokens exchangeTokens = new ExchangeTokens(configuration, store, clock);
    EntraTokens entra = new EntraTokens(configuration, store, clock);
    uncached =
        new TokenValidator(
            List.of(exchangeTokens, entra),
            new TokenCache(0, Duration.ofMinutes(5), clock),
            new Rejections(clock));
    cached =
        new TokenValidator(
            List.of(exchangeTokens),
            new TokenCache(100_000, Duration.ofMinutes(5), clock),
            new Rejections(clock));

    tokens = new String[DISTINCT_TOKENS];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = sandbox.issue("user" + i);
    }
    repeated = tokens[0];
    cached.validate(repeated);

    CompactToken parsed = CompactToken.parse(repeated);
    key =
        store
            .find(SandboxIssuer.METADATA_URL, parsed.header().getString("x5t"))
            .orElseThrow()
            .publicKey();
    signedPart = parsed.signedPart().getBytes(US_ASCII);
    signature = parsed.signature();
    sha256WithRsa = Signature.getInstance("SHA256withRSA");

    entraTokens = new String[DISTINCT_TOKENS];
    for (int i = 0; i < entraTokens.length; i++) {
      entraTokens[i] = tenant.issue("user" + i);
    }
    CompactToken entraParsed = CompactToken.parse(entraTokens[0]);
    entraKey =
        store
            .find(tenant.keySources().get(0).id(), entraParsed.header().getString("kid"))
            .orElseThrow()
            .publicKey();
    entraSignedPart = entraParsed.signedPart().getBytes(US_ASCII);
    entraSignature = entraParsed.signature();
    if (uncached.validate(entraTokens[0]) == null) {
      throw new IllegalStateException("the sandbox tenant's token does not validate");
    }

    HeldCertificate tls =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").ecdsa256().build();
    exchange = new MockWebServer();
    exchange.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(tls).build().sslSocketFactory());
    String document = sandbox.metadataDocument().toString();
    exchange.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(document)
                .build();
          }
        });
    exchange.start(InetAddress.getByName("localhost"), 0);
    peer =
        new PerRequestFetchPeer(
            "https://localhost:" + exchange.getPort() + "/autodiscover/metadata/json/1",
            new HandshakeCertificates.Builder()
                .addTrustedCertificate(tls.certificate())
                .build()
                .sslContext());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    exchange.close();
  }

  @Benchmark
  public boolean bareJdkVerify() throws Exception {
    sha256WithRsa.initVerify(key);
    sha256WithRsa.update(signedPart);
    return sha256WithRsa.verify(signature);
  }

  @Benchmark
  public Identity freshToken() {
    String token = tokens[next];
    next = (next + 1) % DISTINCT_TOKENS;
    return uncached.validate(token);
  }

  @Benchmark
  public boolean bareJdkVerifyEntra() throws Exception {
    sha256WithRsa.initVerify(entraKey);
    sha256WithRsa.update(entraSignedPart);
    return sha256WithRsa.verify(entraSignature);
  }

  @Benchmark
  public Identity freshEntraToken() {
    String token = entraTokens[nextEntra];
    nextEntra = (nextEntra + 1) % DISTINCT_TOKENS;
    return uncached.validate(token);
  }

  @Benchmark
  public Identity repeatedToken() {
    return cached.validate(repeated);
  }

  @Benchmark
  public String perRequestFetchPeer() throws Exception {
    String token = tokens[next];
    next = (next + 1) % DISTINCT_TOKENS;
    return peer.validate(token);
  }
}
