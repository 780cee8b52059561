package dev.identitybridge.accounts.entity;

import dev.identitybridge.token.entity.TokenKind;

/**
 * A valid token's identity looked up in the links on its way into the API: fired once per request
 * that carries a valid token, for whoever counts sign-ins. Holds no part of the token.
 *
 * @param kind the token's kind
 * @param linked whether the identity has a usable link (an enabled account); otherwise the caller
 *     is asked to link, {@code link_required}
 */
public record MappedSignIn(TokenKind kind, boolean linked) {}
