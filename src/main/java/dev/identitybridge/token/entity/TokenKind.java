package dev.identitybridge.token.entity;

/** Which kind of token proved an identity; stored with each link under its name. */
public enum TokenKind {
  /** An Exchange identity token ({@code getUserIdentityTokenAsync}), real or from the sandbox. */
  EXCHANGE_IDENTITY("exchange"),
  /** An Entra ID access token from nested app authentication, real or from the sandbox. */
  ENTRA_ACCESS("entra");

  private final String code;

  TokenKind(String code) {
    this.code = code;
  }

  /** How the API names the kind: {@code exchange} or {@code entra}. */
  public String code() {
    return code;
  }
}
