package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.accounts.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Local accounts: create, edit display name and roles, enable or disable, set a new password,
 * delete. Every change is audited with the signed-in administrator as the actor. No page ever holds
 * a password hash.
 */
@Named
@ViewScoped
public class AccountsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  private List<AccountRow> rows;

  private String newUsername;
  private String newDisplayName;
  private String newPassword;
  private Role[] newRoles = {Role.USER};

  private AccountRow selected;
  private String editDisplayName;
  private Role[] editRoles;
  private String resetPassword;

  private AccountRow pendingDelete;

  /** What the page shows of an account: everything but the password hash. */
  public record AccountRow(
      String username,
      String displayName,
      Set<Role> roles,
      boolean enabled,
      java.time.Instant createdAt,
      java.time.Instant updatedAt)
      implements Serializable {

    static AccountRow of(UserAccount account) {
      return new AccountRow(
          account.username(),
          account.displayName(),
          account.roles(),
          account.enabled(),
          account.createdAt(),
          account.updatedAt());
    }

    public String roleNames() {
      return String.join(", ", roles.stream().map(Role::group).sorted().toList());
    }
  }

  @PostConstruct
  void init() {
    rows = accounts.all().stream().map(AccountRow::of).toList();
  }

  public String create() {
    try {
      accounts.create(
          AdminMessages.actor(),
          newUsername,
          newDisplayName,
          newPassword.toCharArray(),
          roles(newRoles));
      return AdminMessages.doneThenShow("accounts", "Created the account " + newUsername + ".");
    } catch (AccountException e) {
      AdminMessages.refuse(
          switch (e.reason()) {
            case USERNAME_TAKEN -> "create:username";
            case WEAK_PASSWORD -> "create:password";
            default -> null;
          },
          e.getMessage());
      return null;
    } finally {
      newPassword = null;
    }
  }

  public void edit(AccountRow row) {
    selected = row;
    editDisplayName = row.displayName();
    editRoles = row.roles().toArray(Role[]::new);
    resetPassword = null;
    pendingDelete = null;
  }

  public void cancelEdit() {
    selected = null;
  }

  public String save() {
    try {
      accounts.update(
          AdminMessages.actor(), selected.username(), editDisplayName, roles(editRoles));
      return AdminMessages.doneThenShow(
          "accounts", "Saved the account " + selected.username() + ".");
    } catch (AccountException e) {
      AdminMessages.refuse("edit:roles", e.getMessage());
      return null;
    }
  }

  public String resetPassword() {
    try {
      accounts.resetPassword(
          AdminMessages.actor(), selected.username(), resetPassword.toCharArray());
      return AdminMessages.doneThenShow(
          "accounts", "Set a new password for " + selected.username() + ".");
    } catch (AccountException e) {
      AdminMessages.refuse("reset:password", e.getMessage());
      return null;
    } finally {
      resetPassword = null;
    }
  }

  public String toggleEnabled(AccountRow row) {
    try {
      accounts.enable(AdminMessages.actor(), row.username(), !row.enabled());
      return AdminMessages.doneThenShow(
          "accounts",
          (row.enabled() ? "Disabled" : "Enabled") + " the account " + row.username() + ".");
    } catch (AccountException e) {
      AdminMessages.refuse(null, e.getMessage());
      return null;
    }
  }

  public void confirmDelete(AccountRow row) {
    pendingDelete = row;
    selected = null;
  }

  public void cancelDelete() {
    pendingDelete = null;
  }

  public String delete() {
    AccountRow row = pendingDelete;
    pendingDelete = null;
    try {
      accounts.delete(AdminMessages.actor(), row.username());
      return AdminMessages.doneThenShow(
          "accounts", "Deleted the account " + row.username() + " and its mailbox links.");
    } catch (AccountException e) {
      AdminMessages.refuse(null, e.getMessage());
      return null;
    }
  }

  private static Set<Role> roles(Role[] chosen) {
    return chosen == null || chosen.length == 0
        ? EnumSet.noneOf(Role.class)
        : EnumSet.copyOf(Arrays.asList(chosen));
  }

  public Role[] getAllRoles() {
    return Role.values();
  }

  public List<AccountRow> getRows() {
    return rows;
  }

  public AccountRow getSelected() {
    return selected;
  }

  public AccountRow getPendingDelete() {
    return pendingDelete;
  }

  public String getNewUsername() {
    return newUsername;
  }

  public void setNewUsername(String newUsername) {
    this.newUsername = newUsername;
  }

  public String getNewDisplayName() {
    return newDisplayName;
  }

  public void setNewDisplayName(String newDisplayName) {
    this.newDisplayName = newDisplayName;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public Role[] getNewRoles() {
    return newRoles;
  }

  public void setNewRoles(Role[] newRoles) {
    this.newRoles = newRoles;
  }

  public String getEditDisplayName() {
    return editDisplayName;
  }

  public void setEditDisplayName(String editDisplayName) {
    this.editDisplayName = editDisplayName;
  }

  public Role[] getEditRoles() {
    return editRoles;
  }

  public void setEditRoles(Role[] editRoles) {
    this.editRoles = editRoles;
  }

  public String getResetPassword() {
    return resetPassword;
  }

  public void setResetPassword(String resetPassword) {
    this.resetPassword = resetPassword;
  }
}
