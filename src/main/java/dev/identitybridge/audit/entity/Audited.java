package dev.identitybridge.audit.entity;

/** An audit event was recorded in the current transaction; fired as a CDI event. */
public record Audited(AuditAction action) {}
