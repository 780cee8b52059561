package dev.identitybridge.audit.entity;

import java.time.Instant;

/**
 * Which audit events an export holds; null criteria match everything.
 *
 * @param actor the exact actor
 * @param action the action
 * @param from the earliest moment, inclusive
 * @param to the latest moment, exclusive
 */
public record AuditExportFilter(String actor, AuditAction action, Instant from, Instant to) {

  public AuditExportFilter {
    actor = actor == null || actor.isBlank() ? null : actor.strip();
  }
}
