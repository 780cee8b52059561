package dev.identitybridge.token.entity;

/**
 * What became of one token handed to the port, fired as a CDI event for whoever counts them. Holds
 * no part of the token.
 *
 * @param kind the token's kind, or null when its shape matched no kind
 * @param outcome {@link #VALID} or the reason code of the first check that failed
 * @param nanos how long the validation took
 */
public record ValidationOutcome(TokenKind kind, String outcome, long nanos) {

  public static final String VALID = "valid";

  public boolean valid() {
    return VALID.equals(outcome);
  }
}
