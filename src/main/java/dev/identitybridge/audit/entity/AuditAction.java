package dev.identitybridge.audit.entity;

/** What an audit event records. Stored by name: never rename a constant. */
public enum AuditAction {
  ACCOUNT_CREATED,
  ACCOUNT_UPDATED,
  ACCOUNT_ENABLED,
  ACCOUNT_DISABLED,
  ACCOUNT_DELETED,
  PASSWORD_RESET,
  LINK_CREATED,
  LINK_REMOVED,
  METADATA_REFRESHED,
  TOKEN_CHECKED
}
