package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.admin.boundary.AccountsBacking.AccountRow;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The form that edits an account's display name and roles; it also says which account the password
 * form ({@link ResetPasswordBacking}) is open for.
 */
@Named
@ViewScoped
public class EditAccountBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  private AccountRow account;
  private String displayName;
  private Role[] roles;

  public void open(AccountRow row) {
    account = row;
    displayName = row.displayName();
    roles = row.roles().toArray(Role[]::new);
  }

  public void close() {
    account = null;
  }

  public String save() {
    AccountRow editing = account;
    if (editing == null) {
      AdminMessages.refuse(null, "Choose an account to edit first.");
      return null;
    }
    return AdminMessages.change(
        "accounts",
        () -> {
          accounts.update(
              AdminMessages.actor(), editing.username(), displayName, AccountsBacking.roles(roles));
          return "Saved the account " + editing.username() + ".";
        },
        reason -> reason == Reason.INVALID_DISPLAY_NAME ? "edit:displayName" : "edit:roles");
  }

  /** The account open for editing, or null. */
  public AccountRow getAccount() {
    return account;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public Role[] getRoles() {
    return roles;
  }

  public void setRoles(Role[] roles) {
    this.roles = roles;
  }
}
