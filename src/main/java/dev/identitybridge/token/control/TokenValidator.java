package dev.identitybridge.token.control;

import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one entry the HTTP layer calls with a token of any kind: checks its structure, lets the token
 * say which kind it is, and hands it to that kind's {@link TokenIssuer}. Logs reason codes and
 * uniqueIDs, never a token.
 */
@ApplicationScoped
public class TokenValidator {

  private static final Logger LOG = Logger.getLogger(TokenValidator.class.getName());

  private final List<TokenIssuer> issuers;

  /** For the container's client proxy only. */
  protected TokenValidator() {
    this.issuers = List.of();
  }

  @Inject
  public TokenValidator(@Any Instance<TokenIssuer> issuers) {
    this(issuers.stream().toList());
  }

  public TokenValidator(List<TokenIssuer> issuers) {
    this.issuers = List.copyOf(issuers);
  }

  /**
   * @return the identity of a genuine, current token issued for this server
   * @throws InvalidTokenException otherwise; {@code reason().code()} is the API's reason code
   */
  public Identity validate(String token) {
    try {
      CompactToken parsed = CompactToken.parse(token);
      Identity identity = issuerOf(parsed).validate(parsed);
      LOG.fine(() -> "Token accepted: " + identity.kind() + ", uniqueID " + identity.uniqueID());
      return identity;
    } catch (InvalidTokenException e) {
      LOG.log(
          e.reason() == Reason.METADATA_UNAVAILABLE ? Level.WARNING : Level.INFO,
          "Token rejected: {0}",
          e.reason().code());
      throw e;
    }
  }

  private TokenIssuer issuerOf(CompactToken token) {
    for (TokenIssuer issuer : issuers) {
      if (issuer.recognises(token)) {
        return issuer;
      }
    }
    throw new InvalidTokenException(
        Reason.MALFORMED_TOKEN,
        "The token is neither an Exchange identity token nor an Entra ID access token.");
  }
}
