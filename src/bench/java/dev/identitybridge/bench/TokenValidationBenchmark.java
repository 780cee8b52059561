package dev.identitybridge.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.entra.control.EntraTokenValidator;
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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
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
 *   <li>{@link #repeatedEntraToken}: the same Entra token again: a cache hit.
 *   <li>{@link #exchangePeer} ({@link PerRequestFetchExchangePeer}) and {@link #entraPeer} ({@link
 *       PerRequestFetchEntraPeer}): as Microsoft's samples do it, with no cache: the metadata
 *       document, or the OpenID configuration and the JWKS, downloaded over HTTPS from a loopback
 *       server for every token, parsed, the key built, the signature and the samples' claims
 *       checked.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

  private static final int DISTINCT_TOKENS = 1024;

  private static final String EXCHANGE_METADATA_PATH = "/autodiscover/metadata/json/1";
  private static final String OPENID_CONFIGURATION_PATH =
      "/common/v2.0/.well-known/openid-configuration";
  private static final String JWKS_PATH = "/common/discovery/v2.0/keys";

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

  private String repeatedEntra;

  private MockWebServer documents;
  private PerRequestFetchExchangePeer exchangePeer;
  private PerRequestFetchEntraPeer entraPeer;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    String audience = "http://localhost:8080/addin/taskpane.html";
    String scope = "access_as_user";
    SandboxIssuer sandbox = new SandboxIssuer(true, audience, clock);
    SandboxTenant tenant =
        new SandboxTenant(true, Configuration.SANDBOX_ENTRA_CLIENT_ID, scope, clock);
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
            List.of(exchangeTokens, entra),
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
    repeatedEntra = entraTokens[0];
    cached.validate(repeatedEntra);

    HeldCertificate tls =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").ecdsa256().build();
    documents = new MockWebServer();
    documents.setServerSocketFactory(new NoDelayServerSockets());
    documents.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(tls).build().sslSocketFactory());
    documents.start(InetAddress.getByName("localhost"), 0);
    String base = "https://localhost:" + documents.getPort();
    Map<String, String> bodies =
        Map.of(
            EXCHANGE_METADATA_PATH,
            sandbox.metadataDocument().toString(),
            OPENID_CONFIGURATION_PATH,
            openIdConfiguration(base).toString(),
            JWKS_PATH,
            jwks(entraParsed.header().getString("kid"), entraKey).toString());
    documents.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = bodies.get(request.getUrl().encodedPath());
            return body == null
                ? new MockResponse.Builder().code(404).build()
                : new MockResponse.Builder()
                    .setHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
          }
        });
    SSLContext trust =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(tls.certificate())
            .build()
            .sslContext();
    exchangePeer = new PerRequestFetchExchangePeer(base + EXCHANGE_METADATA_PATH, audience, trust);
    entraPeer =
        new PerRequestFetchEntraPeer(
            base + OPENID_CONFIGURATION_PATH, Configuration.SANDBOX_ENTRA_CLIENT_ID, scope, trust);
    exchangePeer.validate(tokens[0]);
    entraPeer.validate(entraTokens[0]);
  }

  /** Shaped like {@code login.microsoftonline.com/common/v2.0/.well-known/openid-configuration}. */
  private static JsonObject openIdConfiguration(String base) {
    String login = "https://login.microsoftonline.com/{tenantid}";
    return Json.createObjectBuilder()
        .add("token_endpoint", login + "/oauth2/v2.0/token")
        .add(
            "token_endpoint_auth_methods_supported",
            Json.createArrayBuilder()
                .add("client_secret_post")
                .add("private_key_jwt")
                .add("client_secret_basic"))
        .add("jwks_uri", base + JWKS_PATH)
        .add(
            "response_modes_supported",
            Json.createArrayBuilder().add("query").add("fragment").add("form_post"))
        .add("subject_types_supported", Json.createArrayBuilder().add("pairwise"))
        .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
        .add(
            "response_types_supported",
            Json.createArrayBuilder()
                .add("code")
                .add("id_token")
                .add("code id_token")
                .add("id_token token"))
        .add(
            "scopes_supported",
            Json.createArrayBuilder()
                .add("openid")
                .add("profile")
                .add("email")
                .add("offline_access"))
        .add("issuer", login + "/v2.0")
        .add("request_uri_parameter_supported", false)
        .add("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo")
        .add("authorization_endpoint", login + "/oauth2/v2.0/authorize")
        .add("device_authorization_endpoint", login + "/oauth2/v2.0/devicecode")
        .add("http_logout_supported", true)
        .add("frontchannel_logout_supported", true)
        .add("end_session_endpoint", login + "/oauth2/v2.0/logout")
        .add(
            "claims_supported",
            Json.createArrayBuilder()
                .add("sub")
                .add("iss")
                .add("cloud_instance_name")
                .add("cloud_instance_host_name")
                .add("cloud_graph_host_name")
                .add("msgraph_host")
                .add("aud")
                .add("exp")
                .add("iat")
                .add("auth_time")
                .add("acr")
                .add("nonce")
                .add("preferred_username")
                .add("name")
                .add("tid")
                .add("ver")
                .add("at_hash")
                .add("c_hash")
                .add("email"))
        .add("kerberos_endpoint", login + "/kerberos")
        .add("tenant_region_scope", JsonValue.NULL)
        .add("cloud_instance_name", "microsoftonline.com")
        .add("cloud_graph_host_name", "graph.windows.net")
        .add("msgraph_host", "graph.microsoft.com")
        .add("rbac_url", "https://pas.windows.net")
        .build();
  }

  /** The sandbox tenant's key as Entra's JWKS lists a key (without the certificate chain). */
  private static JsonObject jwks(String kid, RSAPublicKey key) {
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    return Json.createObjectBuilder()
        .add(
            "keys",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("kty", "RSA")
                        .add("use", "sig")
                        .add("kid", kid)
                        .add("n", base64url.encodeToString(unsigned(key.getModulus())))
                        .add("e", base64url.encodeToString(unsigned(key.getPublicExponent())))
                        .add("issuer", EntraTokenValidator.v2Issuer(SandboxTenant.TENANT_ID))))
        .build();
  }

  /**
   * Server sockets whose connections have Nagle's algorithm off, as production HTTP servers have.
   * MockWebServer writes a response's head and body apart; with Nagle on, over HTTP/1.1 on
   * loopback, the body then waits for the client's delayed ACK (about 40 ms) on every response,
   * which would make the peers look slower than the samples are.
   */
  private static final class NoDelayServerSockets extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      ServerSocket socket = new NoDelayServerSocket();
      socket.bind(new InetSocketAddress(address, port), backlog);
      return socket;
    }
  }

  private static final class NoDelayServerSocket extends ServerSocket {

    NoDelayServerSocket() throws IOException {}

    @Override
    public Socket accept() throws IOException {
      Socket socket = new Socket();
      implAccept(socket);
      socket.setTcpNoDelay(true);
      return socket;
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    documents.close();
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
  public Identity repeatedEntraToken() {
    return cached.validate(repeatedEntra);
  }

  @Benchmark
  public String exchangePeer() throws Exception {
    String token = tokens[next];
    next = (next + 1) % DISTINCT_TOKENS;
    return exchangePeer.validate(token);
  }

  @Benchmark
  public String entraPeer() throws Exception {
    String token = entraTokens[nextEntra];
    nextEntra = (nextEntra + 1) % DISTINCT_TOKENS;
    return entraPeer.validate(token);
  }
}
