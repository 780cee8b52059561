package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.admin.boundary.AccountsBacking.AccountRow;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The confirmation that deletes an account and its mailbox links. */
@Named
@ViewScoped
public class DeleteAccountBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  private AccountRow pending;

  public void confirm(AccountRow row) {
    pending = row;
  }

  public void cancel() {
    pending = null;
  }

  public String delete() {
    AccountRow row = pending;
    pending = null;
    if (row == null) {
      AdminMessages.refuse(null, "No account is chosen for deletion; nothing was deleted.");
      return null;
    }
    return AdminMessages.change(
        "accounts",
        () -> {
          accounts.delete(AdminMessages.actor(), row.username());
          return "Deleted the account " + row.username() + " and its mailbox links.";
        });
  }

  /** The account waiting for the confirmation, or null. */
  public AccountRow getPending() {
    return pending;
  }
}
