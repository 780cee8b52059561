package dev.identitybridge.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.config.control.MapConfig;
import dev.identitybridge.entra.control.EntraTokenValidator;
import dev.identitybridge.entra.control.EntraTokens;
import dev.identitybridge.keys.control.KeySource;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Entra tenant, wired as the server wires it: its key is one more Entra key source
 * while the sandbox is on, and its tenant is accepted for that key only, without being on the
 * allowed list and without a client id configured.
 */
class SandboxTenantTest {

  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Key generation takes a moment: one tenant for the class; it holds no state between calls. */
  static final SandboxTenant TENANT =
      new SandboxTenant(true, Configuration.SANDBOX_ENTRA_CLIENT_ID, "access_as_user", CLOCK);

  private static EntraTokens entraTokens(Map<String, String> settings, List<KeySource> sources) {
    Configuration configuration = MapConfig.configuration(settings);
    SigningKeyStore store =
        new SigningKeyStore(sources, CLOCK, Duration.ofSeconds(30), Duration.ofHours(1));
    return new EntraTokens(configuration, store, CLOCK);
  }

  private static Reason rejection(EntraTokens tokens, String token) {
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class, () -> tokens.validate(CompactToken.parse(token)));
    assertThat(rejected).as("rejection").isNotNull();
    return rejected.reason();
  }

  @Test
  void theRunCommandsSandboxAcceptsItsOwnEntraTokens() {
    EntraTokens tokens =
        entraTokens(Map.of("identitybridge.sandbox.enabled", "true"), TENANT.keySources());
    String token = TENANT.issue("Alice");

    assertThat(tokens.recognises(CompactToken.parse(token))).isTrue();
    Identity identity = tokens.validate(CompactToken.parse(token));

    assertThat(identity.kind()).isEqualTo(TokenKind.ENTRA_ACCESS);
    assertThat(identity.realm()).isEqualTo(SandboxTenant.TENANT_ID);
    assertThat(identity.uniqueID())
        .isEqualTo(
            EntraTokenValidator.uniqueId(SandboxTenant.TENANT_ID, SandboxTenant.oid("alice")));
    assertThat(identity.claims()).containsEntry("aud", Configuration.SANDBOX_ENTRA_CLIENT_ID);
  }

  @Test
  void aConfiguredClientIdAndTenantsLeaveTheSandboxTenantAcceptedForItsOwnKey() {
    String clientId = "0f4a1c2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b";
    SandboxTenant tenant = new SandboxTenant(true, clientId, "access_as_user", CLOCK);
    EntraTokens tokens =
        entraTokens(
            Map.of(
                "identitybridge.sandbox.enabled", "true",
                "identitybridge.entra.client-id", clientId,
                "identitybridge.entra.allowed-tenants", "3c9e5b1a-2d4f-4a6b-8c0d-1e2f3a4b5c6d"),
            tenant.keySources());

    assertThat(tokens.validate(CompactToken.parse(tenant.issue("bob"))).realm())
        .isEqualTo(SandboxTenant.TENANT_ID);
  }

  @Test
  void withTheSandboxOffItsTokensAreRefused() {
    SandboxTenant off =
        new SandboxTenant(false, Configuration.SANDBOX_ENTRA_CLIENT_ID, "access_as_user", CLOCK);
    assertThat(off.keySources()).isEmpty();

    // The sandbox off and no client id: the Entra path is off altogether.
    EntraTokens pathOff = entraTokens(Map.of(), off.keySources());
    assertThat(rejection(pathOff, TENANT.issue("alice"))).isEqualTo(Reason.TENANT_NOT_ALLOWED);

    // A real app configured, the sandbox off: the sandbox tenant is one more unlisted tenant.
    EntraTokens real =
        entraTokens(
            Map.of(
                "identitybridge.entra.client-id", Configuration.SANDBOX_ENTRA_CLIENT_ID,
                "identitybridge.entra.allowed-tenants", "3c9e5b1a-2d4f-4a6b-8c0d-1e2f3a4b5c6d",
                "identitybridge.entra.jwks-url", "https://jwks.example/keys"),
            List.of());
    assertThat(rejection(real, TENANT.issue("alice"))).isEqualTo(Reason.TENANT_NOT_ALLOWED);
  }
}
