package dev.identitybridge.token.control;

import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;

/**
 * One kind of token issuer that plugs into the {@link TokenValidator}: a CDI bean per kind. The
 * validator asks each whether a token is of its kind, and lets the one that says so decide.
 */
public interface TokenIssuer {

  /**
   * Whether the token is of this kind, judged from its shape alone (header and claim names, never a
   * caller's say-so). At most one kind may recognise a token.
   */
  boolean recognises(CompactToken token);

  /**
   * @return the identity of a genuine, current token for this server
   * @throws InvalidTokenException otherwise, with the reason of the first check that failed
   */
  Identity validate(CompactToken token);
}
