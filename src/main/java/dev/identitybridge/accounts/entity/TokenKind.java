package dev.identitybridge.accounts.entity;

/** Which kind of token proved the identity of a link. */
public enum TokenKind {
  /** An Exchange identity token ({@code getUserIdentityTokenAsync}), real or from the sandbox. */
  EXCHANGE_IDENTITY
}
