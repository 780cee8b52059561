package dev.identitybridge.api.entity;

/**
 * The documented sample service's answer for a rejected token. The documented add-in shows {@code
 * error}; Microsoft's own service answered {@code errorMessage}; {@code code} is our reason code.
 */
public record UnpackFailure(String error, String errorMessage, String code) {

  public static UnpackFailure of(String sentence, String code) {
    return new UnpackFailure(sentence, sentence, code);
  }
}
