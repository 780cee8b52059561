package dev.identitybridge.audit.entity;

import java.time.Instant;

/** One audit event as exported: plain values, read from a cursor and forgotten. */
public record AuditRow(
    long id, Instant occurredAt, String actor, String action, String target, String detail) {}
