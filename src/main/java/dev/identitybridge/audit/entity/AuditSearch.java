package dev.identitybridge.audit.entity;

/**
 * Which audit events the admin wants to see; null criteria match everything.
 *
 * @param actor the exact actor
 * @param action the action
 */
public record AuditSearch(String actor, AuditAction action) {

  public AuditSearch {
    actor = actor == null || actor.isBlank() ? null : actor.strip();
  }
}
