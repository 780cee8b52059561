package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.entity.UserAccount;

/**
 * Why someone signs in with a local password. Each purpose counts its failures per username on its
 * own, so that guesses at the admin login cannot lock a user out of linking their mailbox.
 */
public enum LoginPurpose {
  /** The add-in links a mailbox to the account: any enabled account. */
  MAILBOX_LINK("mailbox linking"),
  /** The admin pages: enabled accounts with the role admin only. */
  ADMIN_LOGIN("admin sign-in");

  private final String label;

  LoginPurpose(String label) {
    this.label = label;
  }

  /** Whether the account may sign in for this purpose once its password matched. */
  public boolean admits(UserAccount account) {
    return this == ADMIN_LOGIN ? account.isActiveAdmin() : account.enabled();
  }

  public String label() {
    return label;
  }
}
