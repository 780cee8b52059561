package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.admin.boundary.AccountsBacking.AccountRow;
import dev.identitybridge.admin.control.AdminSessions;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The form that sets a new password for the account open in {@link EditAccountBacking}. It offers
 * (ticked) to unlink the account's mailboxes too: links made with a stolen password would otherwise
 * outlive the new one.
 */
@Named
@ViewScoped
public class ResetPasswordBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;
  @Inject AdminSessions sessions;
  @Inject EditAccountBacking editing;

  private String password;
  private boolean unlinkMailboxes = true;

  public String reset() {
    AccountRow account = editing.getAccount();
    try {
      if (account == null) {
        AdminMessages.refuse(null, "Choose an account to set a password for first.");
        return null;
      }
      return AdminMessages.change(
          "accounts",
          () -> {
            String actor = AdminMessages.actor();
            int version =
                accounts.resetPassword(
                    actor, account.username(), AdminMessages.characters(password), unlinkMailboxes);
            if (account.username().equals(actor)) {
              sessions.passwordChanged(AdminMessages.session(), version);
            }
            return "Set a new password for "
                + account.username()
                + "."
                + (unlinkMailboxes ? " Its mailboxes are unlinked." : "");
          },
          reason -> reason == Reason.WEAK_PASSWORD ? "reset:password" : null);
    } finally {
      password = null;
    }
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public boolean isUnlinkMailboxes() {
    return unlinkMailboxes;
  }

  public void setUnlinkMailboxes(boolean unlinkMailboxes) {
    this.unlinkMailboxes = unlinkMailboxes;
  }
}
