package dev.identitybridge.sandbox.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.exchange.control.ExchangeTokenValidator;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.KeySources;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A pretend Exchange inside this server, for trying the add-in without one. When enabled it makes
 * an RSA key pair and a self-signed certificate at start, in memory only, and issues identity
 * tokens shaped exactly like Exchange's for any mailbox name. The same name always gives the same
 * {@code msexchuid}, so a sandbox mailbox is a returning user, across restarts too. A restart makes
 * a new key, so earlier tokens fail with {@code unknown_signing_key}.
 */
@ApplicationScoped
public class SandboxIssuer implements KeySources {

  private static final Logger LOG = Logger.getLogger(SandboxIssuer.class.getName());

  /**
   * The sandbox's {@code amurl}. The {@code .invalid} top-level domain can never resolve, and this
   * URL is never fetched: the validator gets the sandbox's key from this bean.
   */
  public static final String METADATA_URL =
      "https://sandbox.identitybridge.invalid:443/autodiscover/metadata/json/1";

  /** Exchange's service principal, the part before the {@code @} of every issuer. */
  static final String EXCHANGE_SERVICE = "00000002-0000-0ff1-ce00-000000000000";

  /** {@code iss} and {@code appctxsender}: Exchange's principal at the sandbox's realm. */
  public static final String ISSUER = EXCHANGE_SERVICE + "@sandbox.identitybridge.invalid";

  /** As long as Exchange's tokens live. */
  static final Duration LIFETIME = Duration.ofHours(8);

  /** Nothing checks it; it only has to outlive the process that made it. */
  private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);

  private static final JsonProvider JSON = JsonProvider.provider();

  /** What exists only while the sandbox is on, made once at start. */
  private record Signer(
      SigningKey signingKey, String x5t, Algorithm rs256, JsonObject metadataDocument) {}

  private final Signer signer;
  private final String audience;
  private final Clock clock;

  /** For the container's client proxy only. */
  protected SandboxIssuer() {
    this.signer = null;
    this.audience = null;
    this.clock = null;
  }

  @Inject
  public SandboxIssuer(Configuration configuration, Clock clock) {
    this(configuration.sandboxEnabled(), configuration.exchangeAudiences().get(0), clock);
  }

  /**
   * @param audience the {@code aud} of every token: an audience the validator accepts
   */
  public SandboxIssuer(boolean enabled, String audience, Clock clock) {
    this.audience = Objects.requireNonNull(audience, "audience");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signer = enabled ? newSigner(clock.instant()) : null;
  }

  void announce(@Observes Startup startup) {
    if (enabled()) {
      LOG.warning(
          "\n==========================================================================\n"
              + " The sandbox issuer is ON (identitybridge.sandbox.enabled=true): this server\n"
              + " hands out identity tokens and Entra access tokens (sandbox tenant) for any\n"
              + " mailbox name (POST /api/sandbox/tokens), and its tokens are trusted like\n"
              + " Exchange's and Entra ID's. It is for trying the add-in without Exchange or\n"
              + " Entra ID: never enable it in production.\n"
              + "==========================================================================");
    }
  }

  public boolean enabled() {
    return signer != null;
  }

  /**
   * An identity token for the sandbox mailbox of this name, valid from now for eight hours.
   *
   * @throws IllegalStateException when the sandbox is off
   */
  public String issue(String mailbox) {
    Signer current = signer();
    String msexchuid = msexchuid(mailbox);
    String appctx =
        JSON.createObjectBuilder()
            .add("msexchuid", msexchuid)
            .add("version", "ExIdTok.V1")
            .add("amurl", METADATA_URL)
            .build()
            .toString();
    Instant now = clock.instant();
    String token =
        JWT.create()
            .withHeader(Map.of("typ", "JWT", "x5t", current.x5t()))
            .withAudience(audience)
            .withIssuer(ISSUER)
            .withNotBefore(now)
            .withExpiresAt(now.plus(LIFETIME))
            .withClaim("appctxsender", ISSUER)
            .withClaim("isbrowserhostedapp", "True")
            .withClaim("appctx", appctx)
            .sign(current.rs256());
    LOG.info(
        () ->
            "Issued a sandbox identity token, uniqueID "
                + ExchangeTokenValidator.uniqueId(METADATA_URL, msexchuid));
    return token;
  }

  /** The same mailbox name, in any case, always gets the same {@code msexchuid}. */
  public static String msexchuid(String mailbox) {
    return userId("sandbox:", mailbox);
  }

  /**
   * A sandbox user's id: a name-based UUID of the mailbox name in lower case, so that the same name
   * is the same user in every token, across restarts too.
   *
   * @param kind sets the ids of one pretend issuer apart from the other's
   */
  static String userId(String kind, String mailbox) {
    return UUID.nameUUIDFromBytes((kind + mailbox.toLowerCase(Locale.ROOT)).getBytes(UTF_8))
        .toString();
  }

  /**
   * The sandbox's metadata document, in Exchange's format, listing its one signing certificate.
   *
   * @throws IllegalStateException when the sandbox is off
   */
  public JsonObject metadataDocument() {
    return signer().metadataDocument();
  }

  /**
   * The sandbox's Exchange as a key source of the store, while the sandbox is on: its metadata URL
   * is then trusted, and its key comes from this bean, never from the network.
   */
  @Override
  public List<KeySource> keySources() {
    return enabled()
        ? List.of(
            KeySource.inProcess(
                METADATA_URL,
                TokenKind.EXCHANGE_IDENTITY,
                "Sandbox Exchange (in this server)",
                signer.signingKey()))
        : List.of();
  }

  private Signer signer() {
    if (signer == null) {
      throw new IllegalStateException("The sandbox issuer is off");
    }
    return signer;
  }

  private static Signer newSigner(Instant now) {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      KeyPair keys = rsa.generateKeyPair();
      X509Certificate certificate =
          SelfSignedCertificate.create(
              keys, "identity-bridge sandbox issuer", now, now.plus(CERTIFICATE_VALIDITY));
      String x5t = SigningKey.x5t(certificate);
      RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
      return new Signer(
          new SigningKey(
              x5t,
              certificate.getSubjectX500Principal().getName(),
              certificate.getNotBefore().toInstant(),
              certificate.getNotAfter().toInstant(),
              publicKey.getModulus().bitLength(),
              publicKey),
          x5t,
          Algorithm.RSA256(publicKey, (RSAPrivateKey) keys.getPrivate()),
          metadataDocument(x5t, Base64.getEncoder().encodeToString(certificate.getEncoded())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make the sandbox's signing key: " + e, e);
    }
  }

  /** As Exchange writes it (see the documentation's example), with the sandbox's certificate. */
  private static JsonObject metadataDocument(String x5t, String certificate) {
    String anyRealm = EXCHANGE_SERVICE + "@*";
    return JSON.createObjectBuilder()
        .add("id", "_" + UUID.randomUUID())
        .add("version", "1.0")
        .add("name", "Exchange")
        .add("realm", "*")
        .add("serviceName", EXCHANGE_SERVICE)
        .add("issuer", anyRealm)
        .add("allowedAudiences", JSON.createArrayBuilder().add(anyRealm))
        .add(
            "keys",
            JSON.createArrayBuilder()
                .add(
                    JSON.createObjectBuilder()
                        .add("usage", "signing")
                        .add("keyinfo", JSON.createObjectBuilder().add("x5t", x5t))
                        .add(
                            "keyvalue",
                            JSON.createObjectBuilder()
                                .add("type", "x509Certificate")
                                .add("value", certificate))))
        .add(
            "endpoints",
            JSON.createArrayBuilder()
                .add(
                    JSON.createObjectBuilder()
                        .add("location", METADATA_URL)
                        .add("protocol", "OAuth2")
                        .add("usage", "metadata")))
        .build();
  }
}
