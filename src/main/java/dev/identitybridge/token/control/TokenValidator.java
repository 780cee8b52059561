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
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one entry the HTTP layer calls with a token of any kind: checks its structure, answers from
 * the {@link TokenCache} when this exact token was verified before, else lets the token say which
 * kind it is and hands it to that kind's {@link TokenIssuer}. Rejections are counted and logged by
 * {@link Rejections}; reason codes and uniqueIDs are logged, never a token.
 */
@ApplicationScoped
public class TokenValidator {

  private static final Logger LOG = Logger.getLogger(TokenValidator.class.getName());

  private final List<TokenIssuer> issuers;
  private final TokenCache cache;
  private final Rejections rejections;

  /** Told every outcome (metrics, the dashboard); absent outside a container. */
  @Inject Event<ValidationOutcome> outcomes;

  /** For the container's client proxy only. */
  protected TokenValidator() {
    this.issuers = List.of();
    this.cache = null;
    this.rejections = null;
  }

  @Inject
  public TokenValidator(
      @Any Instance<TokenIssuer> issuers, TokenCache cache, Rejections rejections) {
    this(issuers.stream().toList(), cache, rejections);
  }

  /** Without a cache: every token is verified by its issuer. */
  public TokenValidator(List<TokenIssuer> issuers) {
    this(
        issuers,
        new TokenCache(0, Duration.ZERO, Clock.systemUTC()),
        new Rejections(Clock.systemUTC()));
  }

  public TokenValidator(List<TokenIssuer> issuers, TokenCache cache, Rejections rejections) {
    this.issuers = List.copyOf(issuers);
    this.cache = Objects.requireNonNull(cache, "cache");
    this.rejections = Objects.requireNonNull(rejections, "rejections");
  }

  /**
   * @return the identity of a genuine, current token issued for this server
   * @throws InvalidTokenException otherwise; {@code reason().code()} is the API's reason code
   */
  public Identity validate(String token) {
    long started = System.nanoTime();
    CompactToken parsed = null;
    try {
      // Size and segments first; a hit is the exact text of a token that passed every check, so
      // the per-character check (decoding the segments) is needed only on a miss.
      CompactToken.Shape shape = CompactToken.outline(token);
      ByteBuffer key = TokenCache.keyOf(shape.ascii());
      Optional<Identity> cached = cache.find(key);
      if (cached.isPresent()) {
        tell(cached.get().kind(), ValidationOutcome.VALID, started);
        return cached.get();
      }
      TokenCache.Generation before = cache.generation();
      parsed = CompactToken.parse(shape);
      Identity identity = issuerOf(parsed).validate(parsed);
      cache.put(key, identity, before);
      LOG.fine(() -> "Token accepted: " + identity.kind() + ", uniqueID " + identity.uniqueID());
      tell(identity.kind(), ValidationOutcome.VALID, started);
      return identity;
    } catch (InvalidTokenException e) {
      rejections.record(e.reason());
      tell(parsed == null ? null : kindOf(parsed), e.reason().code(), started);
      throw e;
    }
  }

  /**
   * Validates as {@link #validate} does, for an admin who checks a token by hand: the cache is
   * neither read nor filled, and the outcome is neither counted nor logged nor told to the
   * observers, so a check is no sign-in and leaves no trace of the token.
   *
   * @return the identity of a genuine, current token issued for this server
   * @throws InvalidTokenException otherwise
   */
  public Identity diagnose(String token) {
    CompactToken parsed = CompactToken.parse(token);
    return issuerOf(parsed).validate(parsed);
  }

  /** Rejections per reason since start-up. */
  public Rejections rejections() {
    return rejections;
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
