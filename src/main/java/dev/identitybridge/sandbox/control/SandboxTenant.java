package dev.identitybridge.sandbox.control;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.entra.control.EntraTokenValidator;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.KeySources;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A pretend Entra ID tenant inside this server, beside the pretend Exchange: while the sandbox is
 * on it makes an RSA key at start, in memory only, and issues v2 access tokens for any mailbox
 * name, shaped like those nested app authentication gets (the client id as {@code aud} and {@code
 * azp}, this server's scope in {@code scp}). Its key is a key source of its own whose {@code
 * issuer} pins {@link #TENANT_ID}: that is what lets the validator accept this tenant, and only for
 * this key.
 */
@ApplicationScoped
public class SandboxTenant implements KeySources {

  private static final Logger LOG = Logger.getLogger(SandboxTenant.class.getName());

  /** The sandbox tenant's id; no real tenant has it. */
  public static final String TENANT_ID = "5a4db0c5-7e4a-4e11-8d1c-5a4db0c5e27a";

  /**
   * Where the key source is said to be. The {@code .invalid} top-level domain never resolves, and
   * this URL is never fetched: the store gets the key from this bean.
   */
  public static final String JWKS_URL =
      "https://sandbox.identitybridge.invalid:443/" + TENANT_ID + "/discovery/v2.0/keys";

  /** As long as Entra's access tokens live at most. */
  static final Duration LIFETIME = Duration.ofMinutes(90);

  /** What exists only while the sandbox is on, made once at start. */
  private record Signer(SigningKey signingKey, Algorithm rs256) {}

  private final Signer signer;
  private final String clientId;
  private final String scope;
  private final Clock clock;

  /** For the container's client proxy only. */
  protected SandboxTenant() {
    this.signer = null;
    this.clientId = null;
    this.scope = null;
    this.clock = null;
  }

  @Inject
  public SandboxTenant(Configuration configuration, Clock clock) {
    this(
        configuration.sandboxEnabled(),
        configuration.entraClientId().orElse(Configuration.SANDBOX_ENTRA_CLIENT_ID),
        configuration.entraRequiredScope(),
        clock);
  }

  /**
   * @param clientId the {@code aud} and {@code azp} of every token
   * @param scope the {@code scp} of every token
   */
  public SandboxTenant(boolean enabled, String clientId, String scope, Clock clock) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signer = enabled ? newSigner() : null;
  }

  public boolean enabled() {
    return signer != null;
  }

  /**
   * An Entra v2 access token for the sandbox user of this mailbox name, valid from now for 90
   * minutes.
   *
   * @throws IllegalStateException when the sandbox is off
   */
  public String issue(String mailbox) {
    if (signer == null) {
      throw new IllegalStateException("The sandbox issuer is off");
    }
    String oid = oid(mailbox);
    Instant now = clock.instant();
    String token =
        JWT.create()
            .withHeader(Map.of("typ", "JWT", "kid", signer.signingKey().id()))
            .withAudience(clientId)
            .withIssuer(EntraTokenValidator.v2Issuer(TENANT_ID))
            .withIssuedAt(now)
            .withNotBefore(now)
            .withExpiresAt(now.plus(LIFETIME))
            .withClaim("ver", "2.0")
            .withClaim("tid", TENANT_ID)
            .withClaim("oid", oid)
            .withClaim("sub", oid)
            .withClaim("azp", clientId)
            .withClaim("azpacr", "0")
            .withClaim("scp", scope)
            .withClaim("name", "Sandbox user " + mailbox)
            .withClaim("preferred_username", mailbox.toLowerCase(Locale.ROOT) + "@sandbox.invalid")
            .sign(signer.rs256());
    LOG.info(
        () ->
            "Issued a sandbox Entra access token, uniqueID "
                + EntraTokenValidator.uniqueId(TENANT_ID, oid));
    return token;
  }

  /** The same mailbox name, in any case, is always the same sandbox user. */
  public static String oid(String mailbox) {
    return SandboxIssuer.userId("sandbox-entra:", mailbox);
  }

  /** The sandbox tenant's key, as one more Entra key source, pinned to the sandbox tenant. */
  @Override
  public List<KeySource> keySources() {
    return enabled()
        ? List.of(
            KeySource.inProcess(
                JWKS_URL,
                TokenKind.ENTRA_ACCESS,
                "Sandbox Entra tenant (in this server)",
                signer.signingKey()))
        : List.of();
  }

  private static Signer newSigner() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      KeyPair keys = rsa.generateKeyPair();
      RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
      String kid = "sandbox-" + UUID.randomUUID();
      return new Signer(
          new SigningKey(
              kid,
              "sandbox Entra tenant",
              null,
              null,
              publicKey.getModulus().bitLength(),
              publicKey,
              EntraTokenValidator.v2Issuer(TENANT_ID)),
          Algorithm.RSA256(publicKey, (RSAPrivateKey) keys.getPrivate()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make the sandbox tenant's signing key: " + e, e);
    }
  }
}
