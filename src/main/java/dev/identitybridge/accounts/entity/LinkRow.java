package dev.identitybridge.accounts.entity;

import dev.identitybridge.token.entity.TokenKind;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** One identity link as the admin page lists it, read in one query with its account's name. */
public record LinkRow(
    String username,
    String uniqueId,
    String realm,
    TokenKind tokenKind,
    OffsetDateTime createdAt,
    OffsetDateTime lastSeenAt)
    implements Serializable {}
