package dev.identitybridge.entra.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.TokenIssuer;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Entra ID access tokens as a kind of the token port: validated against the Entra key sources of
 * the store (the configured JWKS, and any pretend Entra tenant that contributed one). While no
 * client id is set the path is off, and Entra-shaped tokens are refused with {@code
 * tenant_not_allowed} rather than being mistaken for malformed ones.
 */
@ApplicationScoped
public class EntraTokens implements TokenIssuer {

  private static final Logger LOG = Logger.getLogger(EntraTokens.class.getName());

  private final EntraTokenValidator validator;
  private final EntraTokenValidator.Settings settings;

  /** For the container's client proxy only. */
  protected EntraTokens() {
    this.validator = null;
    this.settings = null;
  }

  @Inject
  public EntraTokens(Configuration configuration, SigningKeyStore store, Clock clock) {
    List<String> sources = store.sources(TokenKind.ENTRA_ACCESS);
    String jwks = configuration.entraConfigured() ? EntraKeySet.sourceId(configuration) : null;
    this.settings =
        configuration.entraClientId().isEmpty()
            ? null
            : new EntraTokenValidator.Settings(
                sources,
                sources.stream().filter(source -> !source.equals(jwks)).toList(),
                configuration.entraAllowedTenants(),
                configuration.entraAllowAnyTenant(),
                configuration.entraAudiences(),
                configuration.entraAllowedClientApps(),
                configuration.entraRequiredScope(),
                configuration.clockSkew());
    this.validator = settings == null ? null : new EntraTokenValidator(settings, store, clock);
  }

  void reportConfiguration(@Observes Startup startup) {
    if (settings == null) {
      LOG.info(
          "Entra ID access tokens are off (identitybridge.entra.client-id is not set):"
              + " every Entra token is rejected.");
    } else if (settings.allowedTenants().isEmpty() && !settings.allowAnyTenant()) {
      LOG.warning(
          "No Entra tenant is allowed (identitybridge.entra.allowed-tenants): every Entra ID"
              + " access token is rejected"
              + (settings.pinningSources().isEmpty() ? "." : ", except the sandbox tenant's."));
    } else {
      LOG.info(
          () ->
              "Entra ID access tokens accepted from "
                  + (settings.allowAnyTenant() ? "any tenant" : settings.allowedTenants())
                  + " for audiences "
                  + settings.audiences()
                  + " with scope "
                  + settings.requiredScope());
    }
  }

  @Override
  public boolean recognises(CompactToken token) {
    return EntraTokenValidator.recognises(token);
  }

  @Override
  public Identity validate(CompactToken token) {
    if (validator == null) {
      throw new InvalidTokenException(
          Reason.TENANT_NOT_ALLOWED,
          "This server accepts no Entra ID access token: identitybridge.entra.client-id is not"
              + " set.");
    }
    return validator.validate(token);
  }
}
