package dev.identitybridge.token.control;

import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import dev.identitybridge.token.entity.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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

  /** Told every outcome (metrics, the dashboard); absent outside a container. */
  @Inject Event<ValidationOutcome> outcomes;

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
    long started = System.nanoTime();
    CompactToken parsed = null;
    try {
      parsed = CompactToken.parse(token);
      Identity identity = issuerOf(parsed).validate(parsed);
      LOG.fine(() -> "Token accepted: " + identity.kind() + ", uniqueID " + identity.uniqueID());
      tell(identity.kind(), ValidationOutcome.VALID, started);
      return identity;
    } catch (InvalidTokenException e) {
      LOG.log(
          e.reason() == Reason.METADATA_UNAVAILABLE ? Level.WARNING : Level.INFO,
          "Token rejected: {0}",
          e.reason().code());
      tell(parsed == null ? null : kindOf(parsed), e.reason().code(), started);
      throw e;
    }
  }

  private void tell(TokenKind kind, String outcome, long started) {
    if (outcomes != null) {
      outcomes.fire(new ValidationOutcome(kind, outcome, System.nanoTime() - started));
    }
  }

  /**
   * The kind a rejected token claims by its shape, for counting only: Exchange's {@code appctx}, or
   * else Entra's {@code tid} (Entra's headers carry {@code x5t} too, so the header cannot tell).
   */
  static TokenKind kindOf(CompactToken token) {
    if (token.payload().containsKey("appctx")) {
      return TokenKind.EXCHANGE_IDENTITY;
    }
    return token.payload().containsKey("tid") ? TokenKind.ENTRA_ACCESS : null;
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
