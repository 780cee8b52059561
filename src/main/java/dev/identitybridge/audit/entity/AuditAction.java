package dev.identitybridge.audit.entity;

/** What an audit event records. Stored by name (at most 32 characters): never rename a constant. */
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
  ADMIN_SIGNED_IN,
  ADMIN_SIGN_IN_FAILED,
  /** The right password of a disabled account, answered like a wrong one. */
  DISABLED_ACCOUNT_SIGN_IN,
  /** A username or a client address reached the limit of failed sign-ins. */
  LOCKED_OUT,
  /** An admin session refused because its account was removed, disabled, demoted or re-keyed. */
  ADMIN_SESSION_ENDED,
  TOKEN_CHECKED
}
