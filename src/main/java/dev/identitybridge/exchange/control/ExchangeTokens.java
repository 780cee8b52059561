package dev.identitybridge.exchange.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.exchange.entity.ExchangeIdentity;
import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.token.control.TokenIssuer;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Exchange identity tokens as a kind of the token port: validated against the Exchange key sources
 * of the store (the configured metadata documents, and any pretend Exchange that contributed one)
 * and the configured audiences.
 */
@ApplicationScoped
public class ExchangeTokens implements TokenIssuer {

  private static final Logger LOG = Logger.getLogger(ExchangeTokens.class.getName());

  private final ExchangeTokenValidator validator;
  private final ExchangeTokenValidator.Settings settings;

  /** For the container's client proxy only. */
  protected ExchangeTokens() {
    this.validator = null;
    this.settings = null;
  }

  @Inject
  public ExchangeTokens(Configuration configuration, SigningKeyStore store, Clock clock) {
    this.settings =
        new ExchangeTokenValidator.Settings(
            store.sources(TokenKind.EXCHANGE_IDENTITY),
            configuration.exchangeAudiences(),
            configuration.clockSkew());
    this.validator = new ExchangeTokenValidator(settings, store, clock);
  }

  void reportConfiguration(@Observes Startup startup) {
    if (settings.trustedMetadataUrls().isEmpty()) {
      LOG.warning(
          "No trusted Exchange metadata URL is configured"
              + " (identitybridge.exchange.trusted-metadata-urls):"
              + " every Exchange identity token is rejected.");
    } else {
      LOG.info(
          () ->
              "Exchange identity tokens accepted from "
                  + settings.trustedMetadataUrls()
                  + " for audiences "
                  + settings.audiences());
    }
  }

  @Override
  public boolean recognises(CompactToken token) {
    return ExchangeTokenValidator.recognises(token);
  }

  @Override
  public Identity validate(CompactToken token) {
    return identity(validator.validate(token));
  }

  /**
   * The port's identity of a verified Exchange token; its claims as the sample service shows them.
   */
  static Identity identity(ExchangeIdentity token) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("msexchuid", token.msexchuid());
    claims.put("amurl", token.amurl());
    claims.put("uniqueID", token.uniqueID());
    claims.put("aud", token.aud());
    claims.put("iss", token.iss());
    claims.put("x5t", token.x5t());
    claims.put("nbf", token.nbf().toString());
    claims.put("exp", token.exp().toString());
    claims.put("version", token.version());
    claims.put("appctxsender", token.appctxsender());
    claims.put("isbrowserhostedapp", token.isbrowserhostedapp());
    return new Identity(
        TokenKind.EXCHANGE_IDENTITY, token.uniqueID(), token.realm(), token.exp(), claims);
  }
}
