package dev.identitybridge.accounts.entity;

/** What an account may do. The group name is what Jakarta Security and the admin pages check. */
public enum Role {
  USER,
  ADMIN;

  public String group() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
